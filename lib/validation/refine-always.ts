// zod skips an object's superRefine once one of its fields has failed, so a form would show the
// cross-field problem ("set at least one limit") only after the field errors are fixed: one round of
// errors at a time. With this, the check runs anyway and every problem is reported at once. The
// check then sees the raw values of failed fields, so it must only compare them (== null, typeof).
export const evenWithFieldErrors = {
  when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null,
};

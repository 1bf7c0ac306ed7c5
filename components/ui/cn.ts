// Class names for every component: clsx joins the conditional ones, tailwind-merge lets the last
// Tailwind utility of a group win ("w-full" then a caller's "w-40" gives "w-40"), so wrappers can
// take a className that overrides their defaults by intent, not by stylesheet order.
import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

export function cn(...classes: ClassValue[]): string {
  return twMerge(clsx(classes));
}

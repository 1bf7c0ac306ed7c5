// Whose conversations a query reads: a playground conversation belongs to one user of one organization.

export interface ConversationOwner {
  orgId: string;
  userId: string;
}

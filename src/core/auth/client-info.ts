/** Where a request comes from, for throttling and the audit log. */
export interface ClientInfo {
  address: string;
  requestId: string;
}

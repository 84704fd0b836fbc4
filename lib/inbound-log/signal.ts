// The socket.io signal admins' sockets get when the inbound log has new rows (no payload;
// /admin/sync-log re-reads its page). Dependency-free: the browser imports it too.
export const INBOUND_SIGNAL = "inbound_log.changed";

-- Helper consoles connected to any node (issue #16): a rang-out call is `no_helper` only when none is connected
-- anywhere, `timeout` when one is (help/helperPresence.ts). One row per console socket, named by the node holding
-- it; the node refreshes seen_at (the database's clock) while it runs, so a dead node's rows stop counting and are
-- deleted later. Holds a staff user name, nothing of any resident.
CREATE TABLE help_presence (
  socket_id uuid PRIMARY KEY,
  node_id uuid NOT NULL,
  username text COLLATE "C" NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX help_presence_node ON help_presence (node_id);
CREATE INDEX help_presence_seen ON help_presence (seen_at);

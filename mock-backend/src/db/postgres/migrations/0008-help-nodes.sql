-- 帮办 calls on several nodes (issue #16 with #15 item 3): the calls waiting or under way, shared by every node's
-- signalling, and the mail between nodes too large for a NOTIFY payload. Neither holds resident data: a call is
-- its terminal's name and location; a mail is SDP/ICE or a masked screen mirror, deleted within minutes.

-- A call from its placing to its end. A claim is one conditional UPDATE (WHERE helper IS NULL): the first answer
-- wins on any node. created_at is the database's clock (nodes' clocks may differ, the fault clock may move):
-- rows a dead node left behind are ignored after a while and deleted later (help/callQueue.ts says when).
CREATE TABLE help_calls_live (
  call_id uuid PRIMARY KEY,
  call_json text COLLATE "C" NOT NULL,
  since_ms bigint NOT NULL,
  helper text COLLATE "C",
  answered_ms bigint,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX help_calls_live_waiting ON help_calls_live (since_ms) WHERE helper IS NULL;
CREATE INDEX help_calls_live_age ON help_calls_live (created_at);

-- Mail whose JSON exceeds NOTIFY's 8000-byte payload (a large SDP offer): the notice carries the row's id.
CREATE TABLE help_mail (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  body text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX help_mail_age ON help_mail (created_at);

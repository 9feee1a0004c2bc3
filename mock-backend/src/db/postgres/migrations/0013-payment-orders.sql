-- Payments that really complete (#17 item 4), as SQLite's migration 20: payment orders in their own table, the
-- order id being the kiosk's UUID (idempotent create); refunds are orders of kind 'refund' naming the paid order.
-- A paid order settles one transaction (transaction_key, unique). No resident data: amounts, item, method, times.
CREATE TABLE payment_orders (
  order_id text COLLATE "C" PRIMARY KEY,
  kind text COLLATE "C" NOT NULL CHECK (kind IN ('payment', 'refund')),
  refund_of text COLLATE "C" UNIQUE,
  terminal_id text COLLATE "C" NOT NULL,
  district_code text COLLATE "C" NOT NULL,
  item_code text COLLATE "C" NOT NULL,
  lines_json text COLLATE "C" NOT NULL,
  total_fen bigint NOT NULL CHECK (total_fen > 0),
  method text COLLATE "C" NOT NULL CHECK (method IN ('wechat', 'alipay', 'unionpay', 'card')),
  status text COLLATE "C" NOT NULL CHECK (status IN ('pending', 'paid', 'failed', 'timedOut', 'cancelled')),
  reason text COLLATE "C",
  qr_text text COLLATE "C",
  day text COLLATE "C" NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  expires_at text COLLATE "C" NOT NULL,
  settled_at text COLLATE "C",
  transaction_key text COLLATE "C" UNIQUE
);
CREATE INDEX payment_orders_day ON payment_orders (day);
CREATE INDEX payment_orders_pending ON payment_orders (expires_at) WHERE status = 'pending';

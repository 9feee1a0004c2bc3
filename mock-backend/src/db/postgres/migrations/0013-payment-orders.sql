-- Payments that really complete (#17 item 4), as SQLite's migration 20: payment orders in their own table, the
-- order id being the kiosk's UUID (idempotent create); refunds are orders of kind 'refund' naming the paid order.
-- A paid order settles one transaction (transaction_key, unique). No resident data: amounts, item, method, times.
CREATE TABLE payment_orders (
  district_code text COLLATE "C" NOT NULL,
  order_id text COLLATE "C" NOT NULL UNIQUE,
  kind text COLLATE "C" NOT NULL CHECK (kind IN ('payment', 'refund')),
  refund_of text COLLATE "C" UNIQUE,
  terminal_id text COLLATE "C" NOT NULL,
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
  transaction_key text COLLATE "C" UNIQUE,
  -- A table that grows with use: keyed by its district first, as 0012 keys the others (the id unique on its own).
  PRIMARY KEY (district_code, order_id)
);
CREATE INDEX payment_orders_day ON payment_orders (day);
CREATE INDEX payment_orders_pending ON payment_orders (expires_at) WHERE status = 'pending';

-- Ready to distribute, as 0012's step: with the citus extension (never here) the orders spread by district_code,
-- co-located with the cases and records. Citus refuses a unique key without the distribution column, so the keys
-- unique on their own become unique within a district (an order id is the kiosk's UUID; a refund and a record name
-- orders of their own district), and lookups by the id keep a plain index.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN;
  END IF;
  ALTER TABLE payment_orders DROP CONSTRAINT payment_orders_order_id_key;
  ALTER TABLE payment_orders DROP CONSTRAINT payment_orders_refund_of_key;
  ALTER TABLE payment_orders DROP CONSTRAINT payment_orders_transaction_key_key;
  CREATE INDEX payment_orders_order ON payment_orders (order_id);
  ALTER TABLE payment_orders ADD CONSTRAINT payment_orders_district_refund UNIQUE (district_code, refund_of);
  ALTER TABLE payment_orders ADD CONSTRAINT payment_orders_district_transaction UNIQUE (district_code, transaction_key);
  EXECUTE 'SELECT create_distributed_table(''payment_orders'', ''district_code'', colocate_with => ''cases'')';
END $$;

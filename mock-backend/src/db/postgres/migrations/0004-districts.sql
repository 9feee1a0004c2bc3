-- Districts (#15), as SQLite's migration 13: the organisation tree of division codes (contract/divisions.ts; seeded
-- and extended by the application), the district of every terminal, and the division each staff account serves.
-- Terminals from before this step stood in the one district this backend served, the demo district 源城区
-- (441602); accounts from before it served everything, the province (440000).
CREATE TABLE divisions (
  code text COLLATE "C" PRIMARY KEY,
  name_zh text COLLATE "C" NOT NULL,
  name_en text COLLATE "C" NOT NULL
);
ALTER TABLE terminals ADD COLUMN district_code text COLLATE "C" NOT NULL DEFAULT '441602';
CREATE INDEX terminals_district ON terminals (district_code);
ALTER TABLE staff_users ADD COLUMN org_code text COLLATE "C" NOT NULL DEFAULT '440000';

-- Orleans' ADO.NET providers read their SQL from this table at start-up
-- (SELECT QueryKey, QueryText FROM OrleansQuery). Later migrations upsert into it,
-- so a corrected query replaces the old text.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

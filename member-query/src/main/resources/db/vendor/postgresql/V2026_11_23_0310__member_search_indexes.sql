-- PostgreSQL only: trigram indexes so that the list's free-text filter (a case-insensitive
-- "contains" on name, mobile and e-mail) does not scan the whole table.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX members_name_trgm_idx ON members USING gin (name gin_trgm_ops);
CREATE INDEX members_mobile_trgm_idx ON members USING gin (mobile gin_trgm_ops);
CREATE INDEX members_email_trgm_idx ON members USING gin (email gin_trgm_ops);

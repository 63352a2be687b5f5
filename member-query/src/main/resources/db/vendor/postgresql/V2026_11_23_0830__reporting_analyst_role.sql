-- Views for analysts over the reporting tables (figures that depend on today), and the read-only
-- role "memberhub_analyst": it may read the reporting schema and nothing else. The role cannot log
-- in; grant it to analysts' own login roles (GRANT memberhub_analyst TO alice).

CREATE VIEW reporting.members_by_level_and_status AS
SELECT member_level AS level, status, COUNT(*) AS members
FROM reporting.members
GROUP BY member_level, status;

CREATE VIEW reporting.new_members_per_day AS
SELECT joined_on AS day, COUNT(*) AS members
FROM reporting.members
GROUP BY joined_on;

CREATE VIEW reporting.tenure_distribution AS
SELECT CASE
           WHEN CURRENT_DATE - joined_on < 30 THEN '0-29 days'
           WHEN CURRENT_DATE - joined_on < 90 THEN '30-89 days'
           WHEN CURRENT_DATE - joined_on < 180 THEN '90-179 days'
           WHEN CURRENT_DATE - joined_on < 365 THEN '180-364 days'
           WHEN CURRENT_DATE - joined_on < 730 THEN '1 year'
           WHEN CURRENT_DATE - joined_on < 1095 THEN '2 years'
           ELSE '3 years or more'
       END AS tenure,
       COUNT(*) AS members
FROM reporting.members
WHERE status <> 'DELETED'
GROUP BY 1;

CREATE VIEW reporting.points_liability AS
SELECT COALESCE(SUM(remaining) FILTER (WHERE NOT pending), 0) AS available_points,
       COALESCE(SUM(remaining) FILTER (WHERE pending), 0) AS pending_points,
       (SELECT COALESCE(SUM(debt), 0) FROM reporting.points_debts) AS debt_points,
       COALESCE(SUM(remaining), 0) - (SELECT COALESCE(SUM(debt), 0) FROM reporting.points_debts) AS outstanding_points
FROM reporting.points_lots;

CREATE VIEW reporting.points_expiring AS
SELECT w.days AS within_days,
       COALESCE(SUM(l.remaining), 0) AS points,
       COUNT(l.lot_no) AS lots,
       COUNT(DISTINCT l.member_id) AS members
FROM (VALUES (30), (90)) AS w (days)
LEFT JOIN reporting.points_lots l
       ON l.remaining > 0 AND l.expires_at < now() + make_interval(days => w.days)
GROUP BY w.days;

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'memberhub_analyst') THEN
        CREATE ROLE memberhub_analyst NOLOGIN;
    END IF;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN
        NULL; -- another database's migration created it at the same moment
END
$$;

GRANT USAGE ON SCHEMA reporting TO memberhub_analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO memberhub_analyst;
ALTER DEFAULT PRIVILEGES IN SCHEMA reporting GRANT SELECT ON TABLES TO memberhub_analyst;

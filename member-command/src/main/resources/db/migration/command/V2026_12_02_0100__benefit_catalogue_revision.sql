-- The catalogue's revision: a new random value with every change of benefit_catalogue, in the same
-- transaction, so that each instance can keep the catalogue in memory and read it again only when
-- the revision it knows is no longer the one stored (one primary-key lookup per decision). Random
-- rather than counted, so that a change rolled back can never leave a revision that a later change
-- reuses.
CREATE TABLE benefit_catalogue_revision (
    id       INT    NOT NULL,
    revision BIGINT NOT NULL,
    CONSTRAINT benefit_catalogue_revision_pk PRIMARY KEY (id)
);
INSERT INTO benefit_catalogue_revision (id, revision) VALUES (1, 0);

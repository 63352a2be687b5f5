-- The benefit catalogue as the command side decides with it: written in the transaction that
-- appends a benefit's event, read by members using or buying benefits and for the levels'
-- discounts and points multipliers. Owned by the command side.
CREATE TABLE benefit_catalogue (
    benefit_id VARCHAR(64)   NOT NULL,
    status     VARCHAR(16)   NOT NULL,
    terms      VARCHAR(4000) NOT NULL,
    CONSTRAINT benefit_catalogue_pk PRIMARY KEY (benefit_id)
);

-- Accounts: who may log in (web UI, API clients) and with which role. The admin account is created at start and
-- its password kept in step with the admin password file (or MINIBUILDD_ADMIN_PASSWORD).
CREATE TABLE account (
    username    varchar(150) NOT NULL,
    -- Spring Security's delegating format: "{bcrypt}$2a$…", so the hash scheme can change without a migration.
    password    varchar(500) NOT NULL,
    email       varchar(254) NOT NULL DEFAULT '',
    role        varchar(8)   NOT NULL DEFAULT 'USER',
    active      boolean      NOT NULL DEFAULT true,
    created     timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT account_pk PRIMARY KEY (username),
    CONSTRAINT account_role CHECK (role IN ('ADMIN', 'STAFF', 'USER'))
);

-- [jooq ignore start]
-- The full rule (Django's: letters, digits and _ . @ + -) is checked in Java, where "letter" means Unicode letter
-- whatever the cluster's locale; the database only guarantees no empty names and no blanks or control characters.
ALTER TABLE account ADD CONSTRAINT account_username_syntax CHECK (username <> '' AND username !~ '[[:space:][:cntrl:]]');
-- [jooq ignore stop]

-- An Uploader is a user's key: it goes with the account.
ALTER TABLE uploader ADD CONSTRAINT uploader_account_fk FOREIGN KEY (username) REFERENCES account (username) ON DELETE CASCADE;

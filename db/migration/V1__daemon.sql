-- The one Daemon configuration object: the instance's identity and its engine settings.
-- A single row (id = 1); later migrations add the other configuration objects.
CREATE TABLE daemon (
    id          smallint     NOT NULL DEFAULT 1,
    identity    varchar(64)  NOT NULL,
    created     timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT daemon_pk PRIMARY KEY (id),
    CONSTRAINT daemon_single_row CHECK (id = 1)
);

-- [jooq ignore start]
-- The identity names the keyring package and the dput target: Debian package name characters only.
ALTER TABLE daemon ADD CONSTRAINT daemon_identity_syntax CHECK (identity ~ '^[a-z0-9][a-z0-9-]*$');
-- [jooq ignore stop]

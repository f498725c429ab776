-- A build whose chroot turned out broken when it started (the builder's fault, not the package's) is logged as
-- DEFERRED and waits for the chroot to work again.
ALTER TABLE event DROP CONSTRAINT event_type;
ALTER TABLE event ADD CONSTRAINT event_type
    CHECK (type IN ('REJECTED', 'BUILDING', 'BUILT', 'DEFERRED', 'PACKAGING', 'INSTALLED', 'FAILED', 'MIGRATED', 'REMOVED'));

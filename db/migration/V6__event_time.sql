-- An event's time is when it was written, not when its transaction began (now()): a step that holds its
-- transaction open for a while (an install, a packaging) must not log events dated before ones committed meanwhile,
-- or a client following events "after" a time would skip them.
ALTER TABLE event ALTER COLUMN created SET DEFAULT clock_timestamp();

-- piuparts has no --info option (lintian does): a distribution with the old default could not run piuparts at all,
-- it stopped at "no such option: --info". No extra options by default, and the old default goes.
ALTER TABLE distribution ALTER COLUMN piuparts_extra_options SET DEFAULT '';
UPDATE distribution SET piuparts_extra_options = '' WHERE piuparts_extra_options = '--info';

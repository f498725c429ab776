package org.minibuildd.packager;

import java.util.Optional;

import org.minibuildd.packager.internal.Retries;
import org.springframework.stereotype.Service;

/** What users do with uploads the packager has finished: retry a failed one. */
@Service
public class Packages {

    private final Retries retries;

    Packages(Retries retries) {
        this.retries = retries;
    }

    /**
     * Runs a FAILED upload again from its own files, as a new upload with a new timecode (new events, new builds).
     *
     * @param key the upload's key {@code <source>/<version>/<timecode>} (a trailing {@code /source} or
     *            {@code /<arch>}, as in a bkey, is allowed)
     * @return the new upload's key, or empty when no failed upload has that key
     */
    public Optional<String> retry(String key) {
        return retries.retry(key);
    }
}

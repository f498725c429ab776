package org.minibuildd.builder;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.minibuildd.builder.internal.BuildJobQueries;
import org.springframework.stereotype.Service;

/** The builds of this instance's builder for lists and pages: queued, running and ended, newest first. */
@Service
public class BuildJobs {

    private final BuildJobQueries queries;

    BuildJobs(BuildJobQueries queries) {
        this.queries = queries;
    }

    /** A page of the builds in any of {@code states} (all when empty), newest first. */
    public List<BuildJob> list(Set<BuildJob.State> states, int offset, int limit) {
        return queries.list(states, offset, limit);
    }

    public int count(Set<BuildJob.State> states) {
        return queries.count(states);
    }

    /** The build of {@code bkey} ({@code <source>/<version>/<timecode>/<arch>}), the newest if it was requested twice. */
    public Optional<BuildJob> find(String bkey) {
        return queries.find(bkey);
    }

    /** The builds of one source, newest first. */
    public List<BuildJob> of(String source, int limit) {
        return queries.of(source, limit);
    }

    /** How long the newest ended build of {@code source} on {@code architecture} took: what a running one is measured by. */
    public Optional<Duration> lastDuration(String source, String architecture) {
        return queries.lastDuration(source, architecture);
    }
}

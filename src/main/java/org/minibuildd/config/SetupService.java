package org.minibuildd.config;

import org.minibuildd.config.internal.SetupExecutor;
import org.minibuildd.config.internal.SetupPlanner;
import org.springframework.stereotype.Service;

/**
 * Bootstraps a Debian instance from a few choices, as mini-buildd's {@code setup}: archives, the Debian archive
 * keys, sources (with security and backports where the mirrors carry them), distributions, repositories (with the
 * special {@code test} and {@code debdev} ones), chroots and Remotes, each put into use with PCA. Every argument is
 * read and checked (planned) before anything is created; running it again changes nothing that exists.
 */
@Service
public class SetupService {

    private final SetupPlanner planner;
    private final SetupExecutor executor;

    SetupService(SetupPlanner planner, SetupExecutor executor) {
        this.planner = planner;
        this.executor = executor;
    }

    public SetupReport setup(SetupRequest request) {
        return executor.execute(planner.plan(request));
    }
}

package org.minibuildd.config.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.minibuildd.config.SetupContribution;
import org.minibuildd.config.internal.SetupArguments.CodenameArchs;
import org.minibuildd.config.internal.SetupArguments.RepositorySpec;
import org.minibuildd.config.internal.SetupArguments.Selection;
import org.minibuildd.openpgp.Keyring;

/**
 * Everything a setup's arguments come to, checked against this instance before anything is touched: the objects
 * in the order they are set up, and which of them to update and to put into use.
 *
 * @param identity    this instance's identity
 * @param ftpEndpoint this instance's incoming, in mini-buildd's endpoint form
 * @param codenames   the Debian sources
 * @param contributed objects of other modules, by the contribution that sets them up
 */
public record SetupPlan(Selection update, Selection pca, String identity, String ftpEndpoint, List<String> archives,
                        Keyring archiveKeys, List<String> codenames, List<CodenameArchs> distributions,
                        List<RepositorySpec> repositories, List<CodenameArchs> chroots, String backend,
                        List<Contributed> contributed) {

    /** Names of objects one contribution sets up. */
    public record Contributed(SetupContribution contribution, List<String> names) { }

    /** The setup as mini-buildd shows it in its report. */
    public Map<String, Object> describe() {
        var setup = new LinkedHashMap<String, Object>();
        setup.put("identity", identity);
        setup.put("ftp_endpoint", ftpEndpoint);
        setup.put("archives", archives);
        setup.put("sources", codenames);
        setup.put("distributions", distributions.stream().map(CodenameArchs::toString).toList());
        setup.put("repositories", repositories.stream().map(RepositorySpec::toString).toList());
        setup.put("chroots", chroots.stream().map(CodenameArchs::toString).toList());
        setup.put("chroots_backend", backend);
        contributed.forEach(c -> setup.put(c.contribution().argument(), c.names()));
        return setup;
    }
}

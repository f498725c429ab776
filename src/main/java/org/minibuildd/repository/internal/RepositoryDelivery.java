package org.minibuildd.repository.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.apache.catalina.Host;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.catalina.webresources.StandardRoot;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.minibuildd.daemon.Home;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the repositories on HTTP at {@code /repositories/}, next to the UI and the API, as mini-buildd does, and
 * the build logs and upload files at {@code /mini_buildd/builds-dir/} and {@code /mini_buildd/events-dir/}.
 * Tomcat, as Spring Boot runs it, owns the port; each tree is a web context of its own beside the application's,
 * served by Tomcat's {@code DefaultServlet} (ETag, Last-Modified, conditional requests, ranges, HEAD, sendfile,
 * listings), so none of the application's filters (session, security, CSRF, Vaadin) touch a public file.
 * Boot's own Tomcat factory is replaced by this one; it takes over the customizers Boot would have given it.
 */
@Configuration(proxyBeanMethods = false)
class RepositoryDelivery {

    /** Debian's files by extension; Debian's extension-less indices (InRelease, Packages) get text in {@link StaticTreeRules}. */
    static final Map<String, String> DEBIAN_TYPES = Map.ofEntries(
            Map.entry("deb", "application/vnd.debian.binary-package"),
            Map.entry("udeb", "application/vnd.debian.binary-package"),
            Map.entry("ddeb", "application/vnd.debian.binary-package"),
            Map.entry("dsc", "text/plain;charset=UTF-8"),
            Map.entry("changes", "text/plain;charset=UTF-8"),
            Map.entry("buildinfo", "text/plain;charset=UTF-8"),
            Map.entry("buildlog", "text/plain;charset=UTF-8"),
            Map.entry("log", "text/plain;charset=UTF-8"),
            Map.entry("diff", "text/plain;charset=UTF-8"),
            Map.entry("txt", "text/plain;charset=UTF-8"),
            Map.entry("json", "application/json"),
            Map.entry("html", "text/html;charset=UTF-8"),
            Map.entry("gz", "application/gzip"),
            Map.entry("xz", "application/x-xz"),
            Map.entry("bz2", "application/x-bzip2"),
            Map.entry("lzma", "application/x-lzma"),
            Map.entry("zst", "application/zstd"),
            Map.entry("gpg", "application/pgp-signature"),
            Map.entry("asc", "application/pgp-signature"),
            Map.entry("tar", "application/x-tar"));

    @Bean
    TomcatServletWebServerFactory tomcatServletWebServerFactory(Home home,
                                                                ObjectProvider<TomcatConnectorCustomizer> connectorCustomizers,
                                                                ObjectProvider<TomcatContextCustomizer> contextCustomizers,
                                                                ObjectProvider<TomcatProtocolHandlerCustomizer<?>> protocolHandlerCustomizers) {
        var factory = new StaticTreesFactory(List.of(
                new StaticTree("/repositories", home.repositories(), true),
                // Build logs (growing while building) and what each upload left: mini-buildd's builds-dir and events-dir.
                new StaticTree(Home.BUILDS_DIR_URL_PATH, home.builds(), false),
                new StaticTree(Home.EVENTS_DIR_URL_PATH, home.events(), false)));
        factory.getConnectorCustomizers().addAll(connectorCustomizers.orderedStream().toList());
        factory.getContextCustomizers().addAll(contextCustomizers.orderedStream().toList());
        factory.getProtocolHandlerCustomizers().addAll(protocolHandlerCustomizers.orderedStream().toList());
        return factory;
    }

    /** Boot's Tomcat factory, with a static context per tree on the same host. */
    static final class StaticTreesFactory extends TomcatServletWebServerFactory {
        private final List<StaticTree> trees;

        StaticTreesFactory(List<StaticTree> trees) {
            this.trees = trees;
        }

        @Override
        protected void prepareContext(Host host, ServletContextInitializer[] initializers) {
            super.prepareContext(host, initializers);
            // Tomcat's own error pages (a 404, a 400 for a malformed request) without server version or report.
            var errors = new ErrorReportValve();
            errors.setShowReport(false);
            errors.setShowServerInfo(false);
            host.getPipeline().addValve(errors);
            host.getPipeline().addValve(new RequestGuard());
            for (var tree : trees) {
                host.addChild(context(tree));
            }
        }

        private static StandardContext context(StaticTree tree) {
            try {
                Files.createDirectories(tree.dir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + tree.dir() + ": " + e.getMessage(), e);
            }
            var context = new StandardContext();
            context.setName(tree.urlPath());
            context.setPath(tree.urlPath());
            context.setDocBase(tree.dir().toString());
            context.setParentClassLoader(RepositoryDelivery.class.getClassLoader());
            context.addLifecycleListener(new Tomcat.FixContextListener());
            context.setCookies(false);
            var resources = new StandardRoot(context);
            // Always the file on disk as it is now: reprepro renames new indices into place, logs grow while
            // building; a cache would serve an old Packages beside a new InRelease. Links are refused (Tomcat's
            // default), so nothing outside the tree is reachable.
            resources.setCachingAllowed(false);
            resources.setAllowLinking(false);
            context.setResources(resources);
            DEBIAN_TYPES.forEach(context::addMimeMapping);

            var rules = new FilterDef();
            rules.setFilterName("rules");
            rules.setFilter(new StaticTreeRules(tree.aptOnly()));
            context.addFilterDef(rules);
            var rulesMap = new FilterMap();
            rulesMap.setFilterName("rules");
            rulesMap.addURLPatternDecoded("/*");
            context.addFilterMap(rulesMap);

            var servlet = Tomcat.addServlet(context, "files", new ListingServlet(tree.aptOnly()));
            servlet.addInitParameter("listings", "true");
            servlet.addInitParameter("sortDirectoriesFirst", "true");
            servlet.addInitParameter("directoryRedirectStatusCode", "301");
            servlet.addInitParameter("showServerInfo", "false");
            servlet.addInitParameter("fileEncoding", "UTF-8");
            // sendfile from 16 KiB: a .deb goes from the page cache to the socket without passing the JVM.
            servlet.addInitParameter("sendfileSize", "16");
            context.addServletMappingDecoded("/", "files");
            return context;
        }
    }
}

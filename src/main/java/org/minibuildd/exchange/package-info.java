/**
 * The build request/result exchange between packagers and builders, this instance's and Remotes' alike: writes
 * the tar payload and the {@code .changes} signed by the instance key, sends them to an instance's FTP incoming,
 * and on receipt verifies the signature and unpacks the payload. The fields themselves are the {@code debian}
 * core's {@code BuildRequest} and {@code BuildResult}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Build exchange",
        allowedDependencies = {"debian", "openpgp", "incoming", "process"})
package org.minibuildd.exchange;

package org.minibuildd.config;

import java.util.List;

/** An Uploader's editable setting: the repositories (by identity) its user may upload to. */
public record UploaderSettings(String user, List<String> mayUploadTo) {

    public UploaderSettings {
        mayUploadTo = List.copyOf(mayUploadTo);
    }
}

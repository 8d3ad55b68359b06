package org.observatory.api.config;

import org.observatory.schemas.text.MessageCode;

/**
 * The texts an operator reads when the server or a command cannot start with its configuration (family {@code
 * config}): the settings file, the TLS files, the trusted proxies and the port. Their texts in Spanish, English,
 * Portuguese and French are in {@code org/observatory/messages/config_<language>.properties}; the command prints
 * them in the language of {@code --lang}.
 */
public enum ConfigMessage implements MessageCode {
    TLS_KEY_STORE_FAILED,
    TLS_CERTIFICATE_NOT_PEM,
    TLS_CERTIFICATE_EMPTY,
    TLS_KEY_NOT_PKCS8,
    TLS_KEY_BLOCK,
    TLS_KEY_NONE,
    TLS_KEY_NOT_BASE64,
    TLS_KEY_WRONG_KIND,
    TLS_KEY_NOT_OF_CERTIFICATE,
    FILE_UNREADABLE,
    TRUSTED_PROXY_INVALID,
    SETTINGS_UNREADABLE,
    SETTINGS_UNKNOWN,
    SETTINGS_APPROVAL_POLICY,
    SETTINGS_UPLOAD_LIMIT,
    SETTINGS_ENGINE,
    PORT_IN_USE,
    PORT_OUT_OF_RANGE;

    @Override
    public String family() {
        return "config";
    }

    @Override
    public String key() {
        return MessageCode.keyOf(this);
    }
}

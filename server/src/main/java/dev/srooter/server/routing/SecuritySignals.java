package dev.srooter.server.routing;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether what a developer asked touches a security boundary, on the face of its words. Not a classifier: a
 * screen that errs on the side of caution, for one decision only, whether work may go to a cheaper model than
 * the one asked for. Sending security work to a cheap model is the costly mistake (a permission check removed, a
 * page opened without login); keeping a rename that mentions a password on the model asked for costs only what
 * the developer chose to spend. So the words cover everything INTENTS.md calls security: authentication and
 * authorization, sessions and tokens, secrets and keys, cryptography, payments, personal data, injection and
 * request forgery, validation at a trust boundary, sandboxing, vulnerabilities, audit logging.
 */
public final class SecuritySignals {

    /** Word stems and phrases, matched at the start of a word, case-insensitively. */
    private static final Pattern SIGNAL = Pattern.compile("(?<![a-z0-9])(?:"
            + "auth|login|log in|logon|logout|sign[ -]?in|sign[ -]?on|sso|oauth|oidc|saml|jwt|2fa|mfa|otp|totp|"
            + "passw|passphrase|credential|secret|api[ -_]?key|private key|signing key|keystore|kms|vault|"
            + "token|session|cookie|csrf|xsrf|xss|ssrf|xxe|cors|csp|content security|same-?site|httponly|"
            + "inject|sqli|sanitiz|escap|deserializ|pickle|eval\\(|exec\\(|path traversal|\\.\\./|"
            + "permission|privilege|rbac|acl|role|admin|sudo|root access|iam|access control|allow-?list|"
            + "white-?list|deny-?list|black-?list|firewall|vpn|ip range|without login|unauthenticated|public(?:ly)? "
            + "(?:reachable|accessible|exposed)|bypass|expos|leak|"
            + "encrypt|decrypt|crypt|cipher|hash|hmac|md5|sha-?1|sha-?256|bcrypt|argon|salt|nonce|random|"
            + "signature|signed|verif|tls|ssl|https|certificat|mtls|"
            + "payment|card number|credit card|pci|stripe|billing|invoice|pii|personal data|gdpr|hipaa|"
            + "retention|ssn|social security|/me\\b|per-user|other users|"
            + "sandbox|exploit|vulnerab|cve|security|secure|insecure|attack|malicious|threat|audit log|"
            + "rate[ -]limit|brute[ -]force|captcha|upload"
            + ")", Pattern.CASE_INSENSITIVE);

    private SecuritySignals() {
    }

    /** Whether the developer's ask shows any sign of touching a security boundary. */
    public static boolean present(String ask) {
        if (ask == null || ask.isBlank()) {
            return false;
        }
        String text = ClientReminders.strip(ask).toLowerCase(Locale.ROOT);
        return SIGNAL.matcher(text).find();
    }
}

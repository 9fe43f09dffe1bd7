package dev.srooter.server.translate;

/**
 * Something in a request that the canonical model (and so every other format) cannot carry, such
 * as a PDF document block. The gateway answers 400 naming it; nothing is silently lost.
 */
public final class Untranslatable extends RuntimeException {

    private final String what;

    public Untranslatable(String what) {
        super(what, null, false, false);
        this.what = what;
    }

    /** What could not be carried, e.g. "content blocks of type 'document'". */
    public String what() {
        return what;
    }
}

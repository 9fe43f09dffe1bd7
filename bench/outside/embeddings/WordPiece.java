package dev.srooter.plugins.classifier;

import java.util.*;

/** BERT's uncased tokenizer as bge-small's tokenizer.json describes it, for the experiments beside it. */
final class WordPiece {
    /** BERT's basic tokenizer (lower case, accents stripped, punctuation and CJK characters split) and WordPiece. */
    static List<Integer> tokens(Map<String, Integer> ids, String text) {
        String t = java.text.Normalizer.normalize(text.toLowerCase(Locale.ROOT), java.text.Normalizer.Form.NFD);
        StringBuilder spaced = new StringBuilder();
        for (int i = 0; i < t.length(); ) {
            int c = t.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || c == 0 || c == 0xfffd
                    || Character.isISOControl(c) && !Character.isWhitespace(c)) {
                continue;
            }
            boolean cjk = c >= 0x4E00 && c <= 0x9FFF || c >= 0x3400 && c <= 0x4DBF || c >= 0x20000 && c <= 0x2A6DF
                    || c >= 0xF900 && c <= 0xFAFF || c >= 0x2F800 && c <= 0x2FA1F;
            boolean punct = c >= 33 && c <= 47 || c >= 58 && c <= 64 || c >= 91 && c <= 96 || c >= 123 && c <= 126
                    || type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                    || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                    || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                    || type == Character.OTHER_PUNCTUATION;
            if (cjk || punct) spaced.append(' ').appendCodePoint(c).append(' ');
            else if (Character.isWhitespace(c)) spaced.append(' ');
            else spaced.appendCodePoint(c);
        }
        List<Integer> out = new ArrayList<>();
        for (String word : spaced.toString().split(" +")) {
            if (word.isEmpty() || word.length() > 100) continue;
            List<Integer> pieces = new ArrayList<>();
            int start = 0;
            boolean bad = false;
            while (start < word.length()) {
                int end = word.length();
                Integer found = null;
                while (start < end) {
                    String sub = (start > 0 ? "##" : "") + word.substring(start, end);
                    found = ids.get(sub);
                    if (found != null) break;
                    end--;
                }
                if (found == null) { bad = true; break; }
                pieces.add(found);
                start = end;
            }
            if (!bad) out.addAll(pieces);
        }
        return out;
    }

}

package dev.srooter.server.routing;

import java.util.regex.Pattern;

/**
 * Text a client adds to the developer's message on its own (Claude Code's {@code <system-reminder>} blocks: its
 * rules for commits, the files it has open, todo reminders). Not what the developer asked, so neither the
 * classifier nor the security screen reads it.
 */
public final class ClientReminders {

    private static final Pattern REMINDER = Pattern.compile("<system-reminder>[\\s\\S]*?</system-reminder>");

    private ClientReminders() {
    }

    public static String strip(String text) {
        return text == null || text.indexOf("<system-reminder>") < 0 ? text : REMINDER.matcher(text).replaceAll(" ")
                .strip();
    }
}

package dev.srooter.server.routing;

import dev.srooter.server.providers.ModelDirectory;

/** A target picker over a given directory, for unit tests of stages (no CDI). */
public final class Pickers {

    private Pickers() {
    }

    public static TargetPicker over(ModelDirectory directory) {
        TargetPicker picker = new TargetPicker();
        picker.directory = directory;
        return picker;
    }
}

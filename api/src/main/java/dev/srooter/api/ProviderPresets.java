package dev.srooter.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/** A plugin's presets: provider kinds made from another kind and a few values (see {@link ProviderPreset}). */
public interface ProviderPresets extends ExtensionPoint {

    List<ProviderPreset> presets();
}

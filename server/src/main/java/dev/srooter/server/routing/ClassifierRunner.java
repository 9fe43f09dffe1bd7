package dev.srooter.server.routing;

import dev.srooter.api.Classification;
import dev.srooter.api.ClassifierContext;
import dev.srooter.api.ClassifierInput;
import dev.srooter.api.IntentClassifier;
import dev.srooter.server.plugins.PluginHost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Runs the classifier the admin chose. Whatever goes wrong with it (an error, an answer that is no intent,
 * or no answer within the time limit, enforced by MicroProfile Fault Tolerance as a backstop to the model
 * call's own timeout) falls back to the local classifier, so classification never holds a request up.
 */
@ApplicationScoped
public class ClassifierRunner {

    public static final String LOCAL = "local";

    @Inject
    PluginHost plugins;

    @Inject
    RuleBook settings;

    @Inject
    ModelCompletion completion;

    @Timeout(2000)
    @Fallback(fallbackMethod = "local")
    public Classification classify(ClassifierInput input) {
        String name = settings.classifierName();
        IntentClassifier classifier = plugins.classifier(name)
                .orElseThrow(() -> new IllegalStateException("no classifier named " + name));
        if (LOCAL.equals(name)) {
            return classifier.classify(input, null);
        }
        String model = settings.classifierModel();
        Duration timeout = Duration.ofMillis(settings.classifierTimeoutMillis());
        return classifier.classify(input, new ClassifierContext() {
            @Override
            public String model() {
                return model;
            }

            @Override
            public String complete(String system, String user) throws IOException {
                return completion.complete(model, system, user, 16, timeout);
            }
        });
    }

    /** The local classifier, when the chosen one failed or was too slow. */
    public Classification local(ClassifierInput input) {
        IntentClassifier local = plugins.classifier(LOCAL)
                .orElseThrow(() -> new IllegalStateException("the local classifier plugin is not installed"));
        Classification c = local.classify(input, null);
        return LOCAL.equals(settings.classifierName()) ? c
                : new Classification(c.intent(), c.confidence(), "local (fallback from " + settings.classifierName() + ")");
    }
}

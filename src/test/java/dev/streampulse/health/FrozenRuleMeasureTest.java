package dev.streampulse.health;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Runs {@link FrozenRuleMeasure} from Maven: {@code mvn -o -q test -Dtest=FrozenRuleMeasureTest -Dmeasure=true}. */
class FrozenRuleMeasureTest {
    @Test
    @EnabledIfSystemProperty(named = "measure", matches = "true")
    void measure() throws Exception {
        FrozenRuleMeasure.run(Path.of("target", "frozen-rule"));
    }
}

package fi.dentalsystems.register.core.architecture.samples.cycle.a;

/** Test sample: one half of a package cycle (CoreLayersTest). */
public final class PartA {
    public Object other() {
        return fi.dentalsystems.register.core.architecture.samples.cycle.b.PartB.class;
    }
}

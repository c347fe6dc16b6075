package fi.dentalsystems.register.core.architecture.samples.cycle.b;

/** Test sample: the other half of a package cycle (CoreLayersTest). */
public final class PartB {
    public Object other() {
        return fi.dentalsystems.register.core.architecture.samples.cycle.a.PartA.class;
    }
}

package org.jkeras.data;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The command line of a data worker process: this JVM's {@code java}, the JVM options (the
 * {@code jkeras.data.workerJvmArgs} property's, then {@link WorkerOptions#workerJvmOptions()}), a heap derived from
 * this JVM's unless those options set one, the class path and {@link SequenceWorkerMain}; and the words that tell a
 * user where the worker's heap came from and how to raise it.
 *
 * <pre>{@code
 * WorkerCommand c = WorkerCommand.build(List.of(), serializedSequence.length);
 * new ProcessBuilder(c.command(parentPid)).start();
 * c.heapText();   // "-Xmx1024m: a quarter of this JVM's max heap of 4096 MiB, within 256 MiB .. 4096 MiB"
 * }</pre>
 */
final class WorkerCommand {
    /** Extra JVM options for worker processes, whitespace-separated (e.g. {@code -Xmx512m}). */
    static final String JVM_ARGS_PROPERTY = "jkeras.data.workerJvmArgs";
    static final long MIB = 1L << 20;
    static final long HEAP_FLOOR = 256 * MIB;
    static final long HEAP_CEILING = 4096 * MIB;

    private final List<String> options;
    private final String heapText;

    private WorkerCommand(List<String> options, String heapText) {
        this.options = options;
        this.heapText = heapText;
    }

    /** The worker's command line for {@code userOptions} and a Sequence that serializes to that many bytes. */
    static WorkerCommand build(List<String> userOptions, long serializedBytes) {
        List<String> given = new ArrayList<>();
        String property = System.getProperty(JVM_ARGS_PROPERTY, "").trim();
        if (!property.isEmpty()) {
            given.addAll(Arrays.asList(property.split("\\s+")));
        }
        given.addAll(userOptions);
        List<String> options = new ArrayList<>(given);
        String heapText;
        String heapOption = heapOption(given);
        if (heapOption != null) {
            heapText = heapOption + ", from the worker JVM options";
        } else {
            long parent = Runtime.getRuntime().maxMemory();
            long share = derivedHeap(parent, 0);
            long heap = Math.max(derivedHeap(parent, serializedBytes), initialHeap(given));
            String xmx = "-Xmx" + (heap / MIB) + "m";
            options.add(0, xmx);
            heapText = xmx + (heap == share ? ": a quarter of this JVM's max heap of " + (parent / MIB) + " MiB, within "
                    + (HEAP_FLOOR / MIB) + ".." + (HEAP_CEILING / MIB) + " MiB"
                    : ": derived from the serialized Sequence of " + (serializedBytes / MIB) + " MiB and -Xms");
        }
        options.add("-Djava.awt.headless=true");
        // the worker's stdout carries batches: the VM's own output (warnings, -XX:+Print... flags) goes to stderr
        options.add("-XX:+DisplayVMOutputToStderr");
        if (!selectsGc(given)) {
            options.add("-XX:+UseSerialGC"); // small and quick to start; a worker is one thread
        }
        return new WorkerCommand(options, heapText);
    }

    /**
     * A worker's max heap: a quarter of the parent's, clamped to [256 MiB, 4 GiB], raised to three times the
     * serialized Sequence plus 64 MiB so that the worker can always read the Sequence it is sent; rounded to MiB.
     */
    static long derivedHeap(long parentMaxHeap, long serializedBytes) {
        long share = Math.max(HEAP_FLOOR, Math.min(HEAP_CEILING, parentMaxHeap / 4));
        long needed = 3 * serializedBytes + 64 * MIB;
        long heap = Math.max(share, needed);
        return (heap + MIB - 1) / MIB * MIB;
    }

    /** The last option that sets the max heap, or null when none does. */
    static String heapOption(List<String> options) {
        String found = null;
        for (String o : options) {
            String l = o.toLowerCase(Locale.ROOT);
            if (l.startsWith("-xmx") || l.startsWith("-xx:maxheapsize") || l.startsWith("-xx:maxram")) {
                found = o;
            }
        }
        return found;
    }

    /** Whether an option picks the garbage collector (then jkeras adds none: two would stop the JVM). */
    static boolean selectsGc(List<String> options) {
        for (String o : options) {
            if (o.startsWith("-XX:+Use") && o.endsWith("GC")) {
                return true;
            }
        }
        return false;
    }

    /** The {@code -Xms} given (the derived max heap must not be below it), or 0. */
    private static long initialHeap(List<String> options) {
        long xms = 0;
        for (String o : options) {
            if (o.startsWith("-Xms")) {
                xms = parseSize(o.substring(4));
            }
        }
        return xms;
    }

    /** A JVM size such as {@code 512m}, {@code 2g} or {@code 1048576}; 0 when it cannot be read. */
    static long parseSize(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        char unit = Character.toLowerCase(s.charAt(s.length() - 1));
        long mult = unit == 'k' ? 1L << 10 : unit == 'm' ? 1L << 20 : unit == 'g' ? 1L << 30 : unit == 't' ? 1L << 40 : 1;
        String digits = mult == 1 ? s : s.substring(0, s.length() - 1);
        try {
            return Long.parseLong(digits) * mult;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The full command for a worker whose parent has pid {@code parentPid}. */
    List<String> command(long parentPid) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(options);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SequenceWorkerMain.class.getName());
        cmd.add(Long.toString(parentPid));
        return cmd;
    }

    /** The JVM options of the worker, heap included. */
    List<String> options() {
        return options;
    }

    /** Where the worker's max heap comes from, for messages. */
    String heapText() {
        return heapText;
    }

    /**
     * What to tell a user whose worker with {@code maxHeap} bytes of heap ran out of memory: a concrete larger
     * {@code -Xmx} and where to set it.
     */
    static String raiseHint(long maxHeap) {
        long twice = 2 * Math.max(32, maxHeap / MIB);
        long suggest = Long.highestOneBit(twice) == twice ? twice : Long.highestOneBit(twice) * 2;
        String size = suggest >= 1024 ? (suggest / 1024) + "g" : suggest + "m";
        return "Give each worker more heap with workerJvmOptions(\"-Xmx" + size + "\") in FitOptions or "
                + "EvaluateOptions (or -D" + JVM_ARGS_PROPERTY + "=-Xmx" + size + "), make the batches smaller, or load "
                + "them on threads (useMultiprocessing=false)";
    }
}

package org.jkeras.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jkeras} command. Subcommands: {@code demo} (the main job: train, evaluate and predict on
 * Fashion-MNIST with Keras's progress bar).
 *
 * <pre>{@code
 * ./jkeras demo
 * ./jkeras demo --epochs 3 --batch-size 64
 * }</pre>
 */
@Command(name = "jkeras", mixinStandardHelpOptions = true, version = "jkeras 0.1.0",
        description = "The Keras Model API for the JVM.", subcommands = {DemoCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }
}

package org.jkeras.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The {@code jkeras} command. Subcommands: {@code demo} (train, evaluate and predict on Fashion-MNIST with Keras's
 * progress bar), {@code summary}, {@code predict}, {@code evaluate}, {@code fit} and {@code convert} on Keras model
 * files, and {@code serve} (a TensorFlow Serving-compatible REST prediction server).
 *
 * <pre>{@code
 * ./jkeras demo
 * ./jkeras demo --epochs 3 --batch-size 64
 * ./jkeras demo --batch-size 0      # one line on stderr, exit code 1, nothing loaded or trained
 * ./jkeras predict test-data/fixtures/keras3-generated/mlp/mlp.keras --x test-data/fixtures/keras3-generated/mlp/in_input.npy --out pred.npy
 * }</pre>
 *
 * <p>Exit codes: 0 success, 1 bad command line (or no subcommand given: the usage is printed), 2 a data or model
 * error while running. Every error is one line on stderr, {@code jkeras: ...}; {@code --debug} adds the stack
 * trace.
 */
@Command(name = "jkeras", mixinStandardHelpOptions = true, version = "jkeras 0.1.0",
        description = "The Keras Model API for the JVM.", subcommands = {DemoCommand.class, SummaryCommand.class, PredictCommand.class,
                EvaluateCommand.class, FitCommand.class, ConvertCommand.class, ServeCommand.class})
public final class Main implements Callable<Integer> {
    /** Exit code of a bad command line (and of {@code jkeras} alone, which prints the usage). */
    static final int USAGE = 1;
    /** Exit code of a data or model error while running. */
    static final int FAILURE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an error, print the full stack trace, not only the one-line message.")
    boolean debug;

    /** {@code jkeras} alone: nothing to do, so the usage goes to stderr and the exit code is 1. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). Output goes to System.out / System.err. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(System.out, true));
        cl.setErr(new PrintWriter(System.err, true));
        cl.setParameterExceptionHandler(Main::badCommandLine);
        cl.setExecutionExceptionHandler(Main::failed);
        return cl.execute(args);
    }

    /** A bad option or value: one line naming it and where help is, before any work starts. */
    private static int badCommandLine(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("jkeras: " + e.getMessage() + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
        if (java.util.Arrays.asList(args).contains("--debug")) {
            e.printStackTrace(err);
        }
        err.flush();
        return USAGE;
    }

    /** A failure while running: one line with the exception's message; the stack trace only with --debug. */
    private static int failed(Exception e, CommandLine cl, ParseResult full) {
        PrintWriter err = cl.getErr();
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getName() : e.getMessage();
        err.println("jkeras: error: " + message.replace('\n', ' ')
                + (debug(full) ? "" : " (run with --debug for the stack trace)"));
        if (debug(full)) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }

    /** Whether {@code --debug} was given at any level of the command line. */
    private static boolean debug(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}

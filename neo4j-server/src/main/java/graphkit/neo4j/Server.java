package graphkit.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * A Neo4j community server in this JVM, for graphkit's tests and for {@code make neo4j-dev}.
 *
 * <p>Bolt listens on 127.0.0.1 on a port the system picks (or {@code --port N}); HTTP is off.
 * Authentication is on: user {@code neo4j} gets a random password, set through the system
 * database before the address is printed. The data lives in a fresh temporary directory that
 * is deleted when the server stops ({@code --data DIR} keeps it in DIR instead, for a server
 * started again on the same data). When it accepts connections, it prints three
 * shell-sourceable lines on stdout and nothing else there:
 *
 * <pre>
 * NEO4J_URI=bolt://127.0.0.1:PORT
 * NEO4J_USER=neo4j
 * NEO4J_PASSWORD=...
 * </pre>
 *
 * <p>It stops when its standard input closes (the parent process ended or closed the pipe),
 * or, with {@code --until-interrupted}, only on SIGINT/SIGTERM. Neo4j's own log goes to
 * stderr. The heap is the caller's to cap ({@code java -Xmx...}).
 */
public final class Server {
    private static final String USER = "neo4j";

    private Server() {}

    public static void main(String[] args) throws Exception {
        boolean untilInterrupted = false;
        int port = 0;
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--until-interrupted" -> untilInterrupted = true;
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                default -> {
                    System.err.println("graphkit neo4j-server: unknown argument " + args[i]
                            + " (known: --port N, --data DIR, --until-interrupted)");
                    System.exit(2);
                }
            }
        }
        // Neo4j writes nothing of its own on stdout: it belongs to the three lines.
        PrintStream out = System.out;
        System.setOut(System.err);

        boolean keep = data != null;
        Path home = keep ? Files.createDirectories(data) : Files.createTempDirectory("graphkit-neo4j-");
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(Map.of(
                        BoltConnector.enabled, true,
                        BoltConnector.listen_address, new SocketAddress("127.0.0.1", port),
                        BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED,
                        HttpConnector.enabled, false,
                        HttpsConnector.enabled, false,
                        GraphDatabaseSettings.auth_enabled, true,
                        // The tests try a wrong password on purpose: never lock the user out.
                        GraphDatabaseSettings.auth_max_failed_attempts, 0,
                        GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024,
                        GraphDatabaseSettings.preallocate_logical_logs, false,
                        GraphDatabaseSettings.keep_logical_logs, "false"))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(dbms, keep ? null : home, stopped)));

        String password = password();
        // Embedded transactions are not authenticated: set the password before anyone can log in
        // with the default one (which must be changed before use anyway).
        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                Map.of("password", password));
        GraphDatabaseAPI api = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        HostnamePort bolt = api.getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);

        out.println("NEO4J_URI=bolt://127.0.0.1:" + bolt.getPort());
        out.println("NEO4J_USER=" + USER);
        out.println("NEO4J_PASSWORD=" + password);
        out.flush();

        if (untilInterrupted) {
            stopped.await();
        } else {
            drain(System.in);
            System.exit(0); // runs the shutdown hook
        }
    }

    /** A password of 32 letters and digits: safe in a shell line without quoting. */
    private static String password() {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder chosen = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            chosen.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return chosen.toString();
    }

    /** Read until end of input: the parent closed the pipe or exited. */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        while (in.read(buffer) >= 0) {
            // nothing: only the end matters
        }
    }

    private static void stop(DatabaseManagementService dbms, Path home, CountDownLatch stopped) {
        try {
            dbms.shutdown();
        } finally {
            try {
                if (home != null) {
                    deleteTree(home);
                }
            } catch (IOException e) {
                System.err.println("graphkit neo4j-server: could not delete " + home + ": " + e);
            }
            stopped.countDown();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

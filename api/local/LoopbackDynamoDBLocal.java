// DynamoDB Local on the loopback interface only, and never outliving the process that started it.
//
// The jar's own main (ServerRunner) builds Jetty with `new Server(port)`, which listens on every interface, and
// has no option, system property or configuration file for the address (see api/local/dynamo-local.ts for what
// was looked at). So this launcher builds the same server through the jar's public factory, moves its one
// connector to 127.0.0.1 before it starts, and starts it. Run with the source launcher (`java -cp
// DynamoDBLocal.jar LoopbackDynamoDBLocal.java <the jar's usual arguments>`): nothing is compiled ahead of time.
//
// Its parent holds the other end of its standard input and never writes to it. When the parent goes, however it
// goes (Ctrl-C, a crash, SIGKILL), the kernel closes that pipe, the read below ends, and the server stops.
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class LoopbackDynamoDBLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind");
    for (Connector connector : connectors) ((ServerConnector) connector).setHost("127.0.0.1");

    Thread guardian = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // the parent never writes; anything read is ignored
        }
      } catch (Exception ignored) {
        // a broken pipe means the same as its end
      }
      // Stop the server (on disk, SQLite closes cleanly), and make sure nothing keeps the process alive.
      Thread halt = new Thread(() -> {
        try {
          Thread.sleep(5000);
        } catch (InterruptedException ignored) {
        }
        Runtime.getRuntime().halt(1);
      });
      halt.setDaemon(true);
      halt.start();
      System.exit(0);
    }, "parent-guardian");
    guardian.setDaemon(true);
    guardian.start();

    proxy.start();
    System.out.println("DynamoDB Local listening on 127.0.0.1:" + ((ServerConnector) connectors[0]).getPort());
    proxy.join();
  }
}

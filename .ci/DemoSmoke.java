import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Waits for a running demo to serve, then checks the walking-skeleton routes. Exit 0 when they hold. */
public class DemoSmoke {
    public static void main(String[] args) throws Exception {
        String base = "http://127.0.0.1:" + args[0];
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[1])).toNanos();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ObjectMapper json = new ObjectMapper();
        long started = System.nanoTime();
        while (true) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    break;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                System.err.println("demo did not serve in time");
                System.exit(1);
            }
            Thread.sleep(2000);
        }
        System.out.printf("demo serving after %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
        JsonNode countries = json.readTree(get(client, base + "/api/v1/countries"));
        JsonNode list = countries.isArray() ? countries : countries.get("countries");
        List<String> codes = new ArrayList<>();
        list.forEach(country -> codes.add(country.get("iso3").asText()));
        check(codes.size() == 35, "35 member states expected, got " + codes.size());
        check(codes.equals(codes.stream().sorted().toList()), "countries not ordered by code: " + codes);
        JsonNode series = json.readTree(get(client, base + "/api/v1/countries/JAM/indicators/intentional-homicide"));
        int checked = 0;
        for (JsonNode observation : series.get("observations")) {
            if (!observation.path("population").isNull() && !observation.path("population").isMissingNode()) {
                double expected = observation.get("count").asDouble() / observation.get("population").asDouble() * 100_000;
                check(Math.abs(observation.get("ratePer100k").asDouble() - expected) < 1e-9, "rate mismatch in " + observation);
                checked++;
            }
        }
        check(checked > 0, "no JAM homicide rate to check");
        check(series.path("synthetic").asBoolean(false) && series.path("notice").asText().contains("SYNTHETIC"), "synthetic label missing");
        System.out.printf("demo smoke passed: 35 countries ordered by code; %d JAM homicide rates = count / population x 100,000%n", checked);
    }

    private static String get(HttpClient client, String url) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        check(response.statusCode() == 200, url + " answered " + response.statusCode() + ": " + response.body());
        return response.body();
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            System.err.println("demo smoke FAILED: " + message);
            System.exit(1);
        }
    }
}

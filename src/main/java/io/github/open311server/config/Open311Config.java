package io.github.open311server.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of the server; every key is documented with its default in README.md. */
@ConfigMapping(prefix = "open311")
public interface Open311Config {

    /** The city's time zone: datetimes are published with its offset; date-only inputs start at its midnight. */
    @WithDefault("America/Chicago")
    ZoneId timeZone();

    Jurisdiction jurisdiction();

    Discovery discovery();

    Requests requests();

    Demo demo();

    Duplicates duplicates();

    Guard guard();

    Webhooks webhooks();

    Mail mail();

    FollowUps followUps();

    RateLimits rateLimits();

    Retention retention();

    WebClient webClient();

    Media media();

    Replica replica();

    /**
     * A streaming replica for reads that may be slightly stale: public lists, GeoJSON, the export, statistics
     * and hotspots (README, Operations). One request by id or token always reads the primary.
     */
    interface Replica {
        /** jdbc:postgresql://… of the replica (or of a proxy in front of several); absent: all reads on the primary. */
        Optional<String> jdbcUrl();

        Optional<String> username();

        Optional<String> password();

        /** Beyond this replay lag the stale reads go to the primary until the replica catches up. */
        @WithDefault("5s")
        Duration maxLag();

        /** How often the lag is measured. */
        @WithDefault("1s")
        Duration checkInterval();

        @WithDefault("8")
        int maxPoolSize();
    }

    /** Where photo bytes live (README, Photos at city scale). */
    interface Media {
        /** database: in their PostgreSQL rows; s3: in an S3-compatible object store (open311.media.s3.*). */
        @WithDefault("database")
        Storage storage();

        S3 s3();

        enum Storage {
            DATABASE,
            S3
        }

        /** proxy: photos are streamed through the server; redirect: public ones by a pre-signed URL. */
        enum Serve {
            PROXY,
            REDIRECT
        }

        interface S3 {
            /** The store's URL (MinIO, Ceph, S3Proxy); absent: AWS S3 of the region. */
            Optional<String> endpoint();

            @WithDefault("us-east-1")
            String region();

            /** An existing bucket; start-up fails with one line when it cannot be reached. */
            Optional<String> bucket();

            /** Absent: the AWS default credential chain (environment, instance profile, …). */
            Optional<String> accessKey();

            Optional<String> secretKey();

            /** Prefix of the object keys (a photo is {prefix}{its id}). */
            @WithDefault("media/")
            String prefix();

            /** Path-style URLs (endpoint/bucket/key), which MinIO, Ceph and S3Proxy need. */
            @WithDefault("true")
            boolean pathStyle();

            @WithDefault("proxy")
            Serve serve();

            /** How long a pre-signed URL of serve=redirect works. */
            @WithDefault("5m")
            Duration presignedFor();
        }
    }

    /**
     * The reference web client (README, Web client): citizen pages under /client/ and the staff board under
     * /client/staff/, talking to the server only through the public and staff APIs.
     */
    interface WebClient {
        /** Serves the client; false answers 404 for every page of it. */
        @WithDefault("true")
        boolean enabled();

        /** The API key the citizen pages post with: an API client of the city's, published in the page. */
        Optional<String> apiKey();

        /** Map tiles ({z}/{x}/{y}); absent: maps without a base layer. OpenStreetMap's by default. */
        Optional<String> tilesUrl();

        @WithDefault("© OpenStreetMap contributors")
        String tilesAttribution();

        /** Where maps open before anything is known: the city's centre (latitude, longitude) and zoom. */
        @WithDefault("39.7817,-89.6501,13")
        List<Double> mapCentre();

        /** The city's OpenID Connect provider for the staff board (authorisation code with PKCE). */
        Oidc oidc();

        /**
         * A sign-in that mints tokens for a demo staff user and a demo admin with the server's own signing key
         * (smallrye.jwt.sign.key.location). Only the demo profile (and the browser tests) set it: anyone could
         * become staff with it.
         */
        @WithDefault("false")
        boolean demoSignIn();

        interface Oidc {
            Optional<String> authorizationEndpoint();

            Optional<String> tokenEndpoint();

            Optional<String> clientId();

            @WithDefault("openid profile")
            String scope();
        }
    }

    /**
     * Erasing submitters' personal data a jurisdiction's retention period after close (its admin sets the
     * period). Any number of nodes may run it: a round takes an advisory lock, so one node erases at a time.
     */
    interface Retention {
        @WithDefault("true")
        boolean run();

        /** How often expired personal data is looked for. */
        @WithDefault("1h")
        Duration pollInterval();
    }

    /**
     * Requests per minute, counted across every node (web.SharedCounters): per client address (behind the
     * trusted proxies) for reads and for writes, and per API key for POSTs and for GETs that carry a live key
     * (instead of their address's; an API client may have its own budget of each).
     * The staff and admin APIs are not limited here: their tokens are the city's own.
     */
    interface RateLimits {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("600")
        int getsPerAddressPerMinute();

        @WithDefault("60")
        int postsPerAddressPerMinute();

        @WithDefault("600")
        int postsPerKeyPerMinute();

        @WithDefault("6000")
        int getsPerKeyPerMinute();
    }

    /** Escalations and reminders: request timers that come due. */
    interface FollowUps {
        /** Whether this node fires due timers; any number of nodes may (each timer fires once, under its request's lock). */
        @WithDefault("true")
        boolean run();

        /** How often due timers are looked for: the delay an escalation may have past its limit. */
        @WithDefault("15s")
        Duration pollInterval();

        /** Threads that fire timers on this node (they compete like nodes do: each timer still fires once). */
        @WithDefault("1")
        int workers();
    }

    /** Mail to citizens and departments (the SMTP relay itself is configured under quarkus.mailer.*). */
    interface Mail {
        /** Whether changes queue mail at all; the demo logs it instead of sending (quarkus.mailer.mock). */
        @WithDefault("true")
        boolean enabled();

        /** Whether this node runs the mail workers; any number of nodes may (they claim with row locks). */
        @WithDefault("true")
        boolean send();

        @WithDefault("1")
        int workers();

        /** How often an idle worker looks for due mail queued by other nodes (its own wake it at once). */
        @WithDefault("1s")
        Duration pollInterval();

        /** First retry delay after a relay refused or was away; each further one doubles, up to retry-max. */
        @WithDefault("30s")
        Duration retryBase();

        @WithDefault("30m")
        Duration retryMax();

        /** Attempts before a mail is marked failed (visible to staff). */
        @WithDefault("12")
        int maxAttempts();

        /** The language of mail when the citizen gave none the city writes in. */
        @WithDefault("en")
        String defaultLocale();

        /**
         * Signs unsubscribe links. Without it a random key is made at start-up, and links in mail sent before
         * a restart (or by another node) stop working: set it in production.
         */
        Optional<String> tokenSecret();

        /**
         * Where a citizen follows a request, with {service_request_id} in it (a city's own front end); by
         * default the request's GET in this API.
         */
        Optional<String> trackingUrl();
    }

    /** Limits that keep one client from exhausting what every other client needs (see README, Hardening). */
    interface Guard {
        /**
         * How long a body may take before its rate is judged: from then on it must have arrived at
         * min-body-rate on average, else 408 and the connection is closed (a slow-body attack sends a byte
         * every few seconds; a phone on a weak network uploading a photo keeps well above the rate).
         */
        @WithDefault("15s")
        Duration bodyTimeout();

        /** Bytes per second a body must average once body-timeout has passed. */
        @WithDefault("2K")
        MemorySize minBodyRate();

        /** The longest any body may take, whatever its rate. */
        @WithDefault("300s")
        Duration maxBodyTime();

        /** Requests with a body that one client address may have in flight at once; more get 429. */
        @WithDefault("32")
        int bodiesPerAddress();

        /** Largest url-encoded body (a form has no photos; multipart bodies keep the general limit). */
        @WithDefault("256K")
        MemorySize maxFormBody();

        /** Most fields in one form, counted before anything is decoded. */
        @WithDefault("1000")
        int maxFormFields();

        /** Failed API key checks one client address may make per minute; more get 429 until the minute ends. */
        @WithDefault("30")
        int failedKeysPerMinute();

        /** Photo bytes one API key may upload per hour; more get 429. */
        @WithDefault("200M")
        MemorySize uploadBytesPerKeyPerHour();

        /**
         * Addresses (or CIDR ranges) of the reverse proxies in front of the server. Only connections from
         * them may say who the client is ({@code X-Forwarded-For}, {@code Forwarded: for=}) and under which
         * URL they were reached ({@code X-Forwarded-Proto}/{@code -Host}, {@code Forwarded: proto=;host=});
         * from anyone else those headers are ignored. None by default.
         */
        Optional<List<String>> trustedProxies();
    }

    interface Duplicates {
        /** Open requests of the same service this close (metres) to a new one are offered as possible duplicates; 0 turns hints off. */
        @WithDefault("50")
        int radiusMetres();

        /** ...and at most this old (days). */
        @WithDefault("30")
        int maxAgeDays();
    }

    interface Jurisdiction {
        /** The jurisdiction created at first start when the database has none (Open311 suggests the city's domain). */
        @WithDefault("city.example")
        String id();

        @WithDefault("Example City")
        String name();
    }

    interface Discovery {
        /** Human-readable contact published in discovery. */
        @WithDefault("Open311 desk of the city. Write to the address published on the city's web site.")
        String contact();

        /** How to obtain an API key, published in discovery. */
        @WithDefault("API keys for posting requests are issued by the city's Open311 administrators.")
        String keyService();

        /** Public base URL of the v2 endpoint (e.g. https://api.city.gov/open311/v2); derived from the request when unset. */
        Optional<String> endpointUrl();

        /** Whether requests posted here are acted upon: production or test. */
        @WithDefault("production")
        String endpointType();
    }

    interface Requests {
        /** The spec's default window for GET requests, in days. */
        @WithDefault("90")
        int defaultWindowDays();

        /** The spec's result cap for GET requests. */
        @WithDefault("1000")
        int maxResults();

        /** What to do with a start_date..end_date range longer than the window: reject (400) or clamp. */
        @WithDefault("reject")
        String longRange();

        /** Most ids accepted in one service_request_id list. */
        @WithDefault("1000")
        int maxIds();

        /** Largest radius, in metres, of a lat/long/radius search. */
        @WithDefault("10000")
        int maxRadiusMetres();

        /**
         * Totals (X-Total-Count) are counted when the planner expects at most this many matches (and the count
         * stops one past it); beyond it the planner's estimate is sent (X-Total-Count-Estimate).
         */
        @WithDefault("1000")
        int totalCountLimit();
    }

    interface Demo {
        /** Loads the demo city at start when its jurisdiction is missing. Only the demo profile sets it. */
        @WithDefault("false")
        boolean enabled();

        /** The API key anyone may use to post to the demo city (published, not a secret). */
        @WithDefault("riverton-demo-key")
        String apiKey();
    }

    /** Delivery of events to subscribed receivers (see README, Events). */
    interface Webhooks {
        /** Whether this node runs the dispatcher; any number of nodes may (they claim deliveries with row locks). */
        @WithDefault("true")
        boolean dispatch();

        /** Delivery threads of this node. */
        @WithDefault("2")
        int workers();

        /** How often an idle worker looks for due deliveries made by other nodes (its own wake it at once). */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * How long a worker that found less than a full batch waits before it claims again, so that under load
         * deliveries go out in batches (one claim, one record for many) instead of one round per event; the
         * most a delivery waits for it.
         */
        @WithDefault("100ms")
        Duration linger();

        @WithDefault("5s")
        Duration connectTimeout();

        /** The whole exchange with a receiver; a delivery is leased for twice this long and 5 s. */
        @WithDefault("10s")
        Duration timeout();

        /** First retry delay; each further one doubles, with jitter, up to retry-max. */
        @WithDefault("10s")
        Duration retryBase();

        @WithDefault("1h")
        Duration retryMax();

        /** How long an event is retried before it is given up (later events of its request then go on). */
        @WithDefault("24h")
        Duration maxAge();

        /** A subscription whose receiver has failed this long without a success is switched off. */
        @WithDefault("24h")
        Duration disableAfter();

        /** Targets must use https (the demo and test profiles allow http). */
        @WithDefault("true")
        boolean requireHttps();

        /**
         * Hosts or addresses (CIDR ranges too) that may be targets although they are loopback, link-local or
         * private: by default such targets are refused, so a subscription cannot probe the city's network.
         */
        Optional<List<String>> allowedTargets();
    }
}

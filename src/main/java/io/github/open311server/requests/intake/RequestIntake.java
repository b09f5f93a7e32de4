package io.github.open311server.requests.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.PriorityRule;
import io.github.open311server.clients.ApiClientEntity;
import io.github.open311server.clients.ApiKeys;
import io.github.open311server.clients.ClientBudgets;
import io.github.open311server.media.MediaStorage;
import io.github.open311server.media.Photos;
import io.github.open311server.media.Photos.Photo;
import io.github.open311server.requests.Channel;
import io.github.open311server.requests.RequestAttributeEntity;
import io.github.open311server.requests.ServiceRequestEntity;
import io.github.open311server.requests.SubmitterEntity;
import io.github.open311server.requests.lifecycle.RequestJournal;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.FormFields;
import io.github.open311server.web.Languages;
import io.github.open311server.web.Open311Exception;

/**
 * POST Service Request: checks key, service, location, text and attributes, then stores the request
 * with everything it came with in one transaction. The answer is only given after the commit.
 */
@ApplicationScoped
public class RequestIntake {

    @Inject
    MediaStorage mediaStorage;

    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    @Inject
    ApiKeys apiKeys;

    @Inject
    Catalogue catalogue;

    @Inject
    AttributeAnswers attributeAnswers;

    @Inject
    AgencyRouting routing;

    @Inject
    Datetimes datetimes;

    @Inject
    DuplicateHints duplicates;

    @Inject
    RequestJournal journal;

    @Inject
    IdempotencyKeys idempotency;

    @Inject
    ClientBudgets budgets;

    @Inject
    InformationContacts contacts;

    /** {@code acceptLanguage}: the header, for the language of the citizen's mail when the form names none. */
    @Transactional
    public PostedRequest create(
            Jurisdiction jurisdiction, FormFields form, String idempotencyKey, String acceptLanguage) {
        ApiClientEntity client =
                apiKeys.authorize(form.first("api_key"), ApiClientEntity.CREATE_REQUESTS, jurisdiction);
        budgets.chargePost(client);
        budgets.chargeUploads(
                client.id,
                form.files().stream().mapToLong(FormFields.UploadedFile::size).sum());
        if (idempotencyKey != null) {
            Optional<PostedRequest> earlier =
                    idempotency.claim(client, idempotencyKey, IdempotencyKeys.fingerprint(form));
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        PostedRequest answer = file(
                        jurisdiction,
                        form,
                        new Source(client.id, client.actor(), client.defaultChannel, true),
                        acceptLanguage)
                .answer();
        if (idempotencyKey != null && answer.isDuplicateHint()) {
            idempotency.release(client, idempotencyKey);
        } else if (idempotencyKey != null) {
            idempotency.complete(client, idempotencyKey, answer);
        }
        return answer;
    }

    /**
     * A call taker files a report for a caller (by phone, e-mail, at the counter): the same checks and answer
     * as a public POST, without an API key; the staff member is the actor of its history and events.
     */
    @Transactional
    public ServiceRequestEntity fileForCaller(
            Jurisdiction jurisdiction, FormFields form, Channel channel, String staffActor, String acceptLanguage) {
        return file(jurisdiction, form, new Source(null, staffActor, channel.wireName(), false), acceptLanguage)
                .request();
    }

    /**
     * Who files a request: the API client (none for a call taker), the actor on record, the channel, and
     * whether the duplicate-hint mode may hold it back (call takers look for duplicates in the work queue).
     */
    private record Source(Long apiClientRef, String actor, String channel, boolean hintMode) {}

    /** The public answer and the request filed (null when the duplicate-hint mode held it back). */
    private record Filed(PostedRequest answer, ServiceRequestEntity request) {}

    private Filed file(Jurisdiction jurisdiction, FormFields form, Source source, String acceptLanguage) {
        String code = form.first("service_code");
        if (code == null) {
            throw Open311Exception.badRequest("service_code is required");
        }
        CatalogueService service = catalogue
                .activeService(jurisdiction, code.strip())
                .orElseThrow(() -> Open311Exception.notFound("service_code '" + code.strip() + "' not found"));

        if (service.informational()) {
            return informationContact(service, form, source);
        }
        List<String> problems = new ArrayList<>();
        RequestForm input = RequestForm.read(form, problems);
        Map<String, List<String>> answers = attributeAnswers.validate(service, form.attributes(), problems);
        List<Photo> photos = Photos.check(form.files(), problems);
        if (!problems.isEmpty()) {
            throw Open311Exception.badRequest(problems);
        }

        // a blackbox or private service publishes nothing about its requests, not even that others exist nearby
        List<PostedRequest.DuplicateCandidate> candidates = input.hasPoint() && service.publishesRequests()
                ? duplicates.near(jurisdiction, service, input.lon(), input.lat())
                : List.of();
        if (!candidates.isEmpty()
                && source.hintMode()
                && "true".equalsIgnoreCase(form.first("duplicate_check"))
                && !"true".equalsIgnoreCase(form.first("confirm_duplicate"))) {
            // hint mode (opt-in): nothing is filed until the client confirms
            return new Filed(
                    new PostedRequest(
                            null,
                            null,
                            DuplicateHints.notice(candidates)
                                    + " Nothing was filed: post again with confirm_duplicate=true to file it anyway.",
                            input.accountId(),
                            candidates),
                    null);
        }
        // the candidate list is an extension field: only clients that ask for extensions get it
        boolean wantsExtensions = "true".equalsIgnoreCase(form.first("duplicate_check"))
                || "true".equalsIgnoreCase(form.first("extensions"));
        List<PostedRequest.DuplicateCandidate> hints = candidates.isEmpty() || !wantsExtensions ? null : candidates;

        ServiceRequestEntity request = newEntity(jurisdiction, service, input, source);
        request.priority = PriorityRule.of(service.defaultPriority(), service.priorityRules(), answers)
                .wireName();
        List<String> mediaUrls = new ArrayList<>(input.mediaUrls());
        photos.forEach(photo -> mediaUrls.add(photo.link()));
        request.mediaUrls = mediaUrls.toArray(String[]::new);
        journal.created(request, source.actor());

        storeSubmitter(request.id, input, Languages.of(input.locale(), acceptLanguage));
        answers.forEach((attributeCode, values) -> {
            for (int i = 0; i < values.size(); i++) {
                RequestAttributeEntity.of(request.id, attributeCode, i, values.get(i))
                        .persist();
            }
        });
        mediaStorage.store(request.id, photos);

        String notice = candidates.isEmpty()
                ? request.serviceNotice
                : (request.serviceNotice == null ? "" : request.serviceNotice + " ")
                        + DuplicateHints.notice(candidates);
        PostedRequest answer = switch (service.type()) {
            case "batch" -> new PostedRequest(null, request.token.toString(), notice, input.accountId(), hints);
            case "blackbox" -> new PostedRequest(null, null, notice, input.accountId(), hints);
            default -> new PostedRequest(request.serviceRequestId, null, notice, input.accountId(), hints);
        };
        return new Filed(answer, request);
    }

    /** An informational service answers with its notice and files nothing; the contact is counted. */
    private Filed informationContact(CatalogueService service, FormFields form, Source source) {
        if (source.apiClientRef() == null) {
            throw Open311Exception.badRequest("'" + service.code() + "' answers questions and files no request:"
                    + " log the call with POST /staff/v1/jurisdictions/{jurisdiction_id}/contacts");
        }
        contacts.log(
                service,
                Channel.fromWire(source.channel()).orElse(Channel.APP),
                source.apiClientRef(),
                source.actor(),
                null);
        return new Filed(new PostedRequest(null, null, service.serviceNotice(), form.first("account_id"), null), null);
    }

    private ServiceRequestEntity newEntity(
            Jurisdiction jurisdiction, CatalogueService service, RequestForm input, Source source) {
        ServiceRequestEntity request = new ServiceRequestEntity();
        request.jurisdictionRef = jurisdiction.id();
        request.serviceRef = service.id();
        request.requestedDatetime = datetimes.now();
        if (service.expectedResponse() != null) {
            request.expectedDatetime = request.requestedDatetime.plus(service.expectedResponse());
        }
        request.serviceNotice = service.serviceNotice();
        request.address = input.address();
        request.addressId = input.addressId();
        request.zipcode = input.zipcode();
        request.description = input.description();
        request.hidden = service.premoderated(); // published once staff approve it
        request.apiClientRef = source.apiClientRef();
        request.channel = source.channel();
        if (input.hasPoint()) {
            Point point = WGS84.createPoint(new Coordinate(input.lon(), input.lat()));
            request.location = point;
            request.agencyResponsible =
                    routing.agencyAt(jurisdiction, input.lon(), input.lat()).orElse(service.defaultAgency());
        } else {
            request.agencyResponsible = service.defaultAgency();
        }
        return request;
    }

    private static void storeSubmitter(long requestId, RequestForm input, String locale) {
        SubmitterEntity submitter = new SubmitterEntity();
        submitter.requestRef = requestId;
        submitter.email = input.email();
        submitter.phone = input.phone();
        submitter.firstName = input.firstName();
        submitter.lastName = input.lastName();
        submitter.deviceId = input.deviceId();
        submitter.accountId = input.accountId();
        if (!submitter.isEmpty()) {
            submitter.locale = locale;
            submitter.persist();
        }
    }
}

-- panoh_accept_referral as migration 1795835310000-OrganisationKinds left it (1795833000000-NrmWorkflow
-- explains it), asking panoh_consent_coverage whether the consent covers the referral instead of
-- holding its own copy of that rule. The answers and their order are unchanged: 'consent_withdrawn'
-- after the other refusals, then 'consent_missing' for any other reason the consent does not cover it.
CREATE OR REPLACE FUNCTION public.panoh_accept_referral(p_referral_id uuid, p_share_id uuid, p_change_id uuid)
 RETURNS text
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        caller_org uuid := panoh_caller_organisation();
        caller uuid := NULLIF(current_setting('panoh.user_id', true), '')::uuid;
        r referral%ROWTYPE;
        c victim_case%ROWTYPE;
        k consent%ROWTYPE;
        recipient_type text;
        recipient_kind text;
        coverage text;
        answer text;
      BEGIN
        IF caller_org IS NULL OR caller IS NULL OR panoh_caller_role() IS DISTINCT FROM 'org_manager' THEN
          RETURN 'not_found';
        END IF;
        PERFORM set_config('panoh.definer_scope', 'referral_acceptance', true);
        SELECT * INTO r FROM referral WHERE id = p_referral_id AND to_organisation_id = caller_org;
        IF NOT FOUND THEN
          PERFORM set_config('panoh.definer_scope', '', true);
          RETURN 'not_found';
        END IF;
        SELECT * INTO c FROM victim_case WHERE id = r.case_id FOR UPDATE;
        SELECT * INTO k FROM consent WHERE id = r.consent_id FOR UPDATE;
        SELECT * INTO r FROM referral WHERE id = p_referral_id FOR UPDATE;
        SELECT type, kind INTO recipient_type, recipient_kind
        FROM organisation WHERE id = caller_org;
        coverage := panoh_consent_coverage(k, r.case_id, r.purpose, caller_org, recipient_type);
        IF r.status <> 'pending' THEN
          answer := 'not_pending';
        ELSIF recipient_kind IS DISTINCT FROM 'service' THEN
          answer := 'recipient_not_service';
        ELSIF r.from_organisation_id IS DISTINCT FROM c.organisation_id THEN
          answer := 'sender_not_owner';
        ELSIF c.stage = 'closed' THEN
          answer := 'case_closed';
        ELSIF coverage = 'withdrawn' THEN
          answer := 'consent_withdrawn';
        ELSIF coverage <> 'covered' THEN
          answer := 'consent_missing';
        ELSE
          IF r.purpose = 'transfer' THEN
            PERFORM panoh_transfer_case(c, r.id, caller_org, caller, p_change_id);
          ELSE
            INSERT INTO case_share (id, case_id, owner_organisation_id, organisation_id, purpose, view, consent_id,
              accepted_at)
            VALUES (p_share_id, c.id, c.organisation_id, caller_org, r.purpose,
              CASE WHEN r.purpose = 'law_enforcement' THEN 'investigation' ELSE 'referral' END, r.consent_id, now());
          END IF;
          UPDATE referral SET status = 'accepted', decided_by = caller, decided_at = now(), version = version + 1,
            share_id = CASE WHEN r.purpose = 'transfer' THEN NULL ELSE p_share_id END
          WHERE id = r.id;
          answer := 'accepted';
        END IF;
        PERFORM set_config('panoh.definer_scope', '', true);
        RETURN answer;
      END $function$;

-- The schema the migrations build, read from the catalog of a freshly migrated database.
-- Generated: `npm run schema:snapshot` writes it anew; do not edit it by hand.

GRANT USAGE ON SCHEMA public TO PUBLIC;
GRANT USAGE ON SCHEMA public TO panoh_backup;
GRANT USAGE ON SCHEMA public TO panoh_service;

CREATE TABLE app_user (
  id uuid NOT NULL,
  username text NOT NULL,
  organisation_id uuid NOT NULL,
  role text NOT NULL,
  password_hash text NOT NULL,
  password_changed_at timestamp with time zone NOT NULL,
  disabled_at timestamp with time zone,
  failed_login_count integer DEFAULT 0 NOT NULL,
  locked_at timestamp with time zone,
  totp_secret bytea,
  totp_pending_secret bytea,
  totp_enabled_at timestamp with time zone,
  totp_last_step bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  organisation_kind text GENERATED ALWAYS AS (
CASE
    WHEN (role = ANY (ARRAY['caseworker'::text, 'org_manager'::text, 'investigator'::text])) THEN 'service'::text
    ELSE 'oversight'::text
END) STORED NOT NULL,
  language text,
  webauthn_credentials integer DEFAULT 0 NOT NULL,
  password_change_required boolean DEFAULT false NOT NULL
);
ALTER TABLE app_user ADD CONSTRAINT app_user_language_check CHECK ((language = ANY (ARRAY['tg'::text, 'ru'::text, 'en'::text])));
ALTER TABLE app_user ADD CONSTRAINT app_user_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation(id);
ALTER TABLE app_user ADD CONSTRAINT app_user_pkey PRIMARY KEY (id);
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check CHECK ((role = ANY (ARRAY['caseworker'::text, 'org_manager'::text, 'investigator'::text, 'commission'::text, 'auditor'::text, 'admin'::text])));
ALTER TABLE app_user ADD CONSTRAINT app_user_role_fits_organisation FOREIGN KEY (organisation_id, organisation_kind) REFERENCES organisation(id, kind);
ALTER TABLE app_user ADD CONSTRAINT app_user_username_check CHECK (((username = lower(username)) AND (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'::text)));
ALTER TABLE app_user ADD CONSTRAINT app_user_webauthn_credentials_check CHECK ((webauthn_credentials >= 0));
CREATE UNIQUE INDEX app_user_id_organisation_key ON public.app_user USING btree (id, organisation_id);
CREATE INDEX app_user_organisation_idx ON public.app_user USING btree (organisation_id);
CREATE UNIQUE INDEX app_user_username_key ON public.app_user USING btree (username);
GRANT INSERT, SELECT, UPDATE ON TABLE app_user TO panoh_service;
GRANT SELECT ON TABLE app_user TO panoh_backup;

CREATE TABLE assistance_item (
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  owner_organisation_id uuid NOT NULL,
  type text NOT NULL,
  provider_organisation_id uuid NOT NULL,
  status text NOT NULL,
  planned_start date,
  planned_end date,
  actual_start date,
  actual_end date,
  notes bytea,
  created_by uuid NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_by uuid NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  version integer DEFAULT 1 NOT NULL,
  provider_organisation_kind text GENERATED ALWAYS AS ('service'::text) STORED NOT NULL
);
ALTER TABLE assistance_item ADD CONSTRAINT assistance_item_actual_dates CHECK ((actual_end >= actual_start));
ALTER TABLE assistance_item ADD CONSTRAINT assistance_item_case_id_fkey FOREIGN KEY (case_id) REFERENCES victim_case(id);
ALTER TABLE assistance_item ADD CONSTRAINT assistance_item_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id);
ALTER TABLE assistance_item ADD CONSTRAINT assistance_item_end_after_start CHECK (((actual_end IS NULL) OR (actual_start IS NOT NULL)));
ALTER TABLE assistance_item ADD CONSTRAINT assistance_item_owner_organisation_id_fkey FOREIGN KEY (owner_organisation_id) REFERENCES organisation(id);
ALTER TABLE assistance_item ADD CONSTRAINT assistance_item_pkey PRIMARY KEY (id);
ALTER TABLE assistance_item ADD CONSTRAINT assistance_item_planned_dates CHECK ((planned_end >= planned_start));
ALTER TABLE assistance_item ADD CONSTRAINT assistance_item_provider_organisation_id_fkey FOREIGN KEY (provider_organisation_id) REFERENCES organisation(id);
ALTER TABLE assistance_item ADD CONSTRAINT assistance_item_provider_service FOREIGN KEY (provider_organisation_id, provider_organisation_kind) REFERENCES organisation(id, kind);
ALTER TABLE assistance_item ADD CONSTRAINT assistance_item_status_check CHECK ((status = ANY (ARRAY['planned'::text, 'in_progress'::text, 'delivered'::text, 'cancelled'::text])));
ALTER TABLE assistance_item ADD CONSTRAINT assistance_item_status_dates CHECK (
CASE status
    WHEN 'planned'::text THEN (actual_start IS NULL)
    WHEN 'in_progress'::text THEN ((actual_start IS NOT NULL) AND (actual_end IS NULL))
    WHEN 'delivered'::text THEN (actual_end IS NOT NULL)
    ELSE true
END);
ALTER TABLE assistance_item ADD CONSTRAINT assistance_item_type_check CHECK ((type = ANY (ARRAY['Education'::text, 'Financial'::text, 'Health'::text, 'LabourExploitationRehabilitation'::text, 'Legal'::text, 'Livelihood'::text, 'RightsBasedTraining'::text, 'SexualExploitationRehabilitation'::text, 'SocialCare'::text, 'Shelter'::text, 'Psychosocial'::text, 'Return'::text])));
ALTER TABLE assistance_item ADD CONSTRAINT assistance_item_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES app_user(id);
ALTER TABLE assistance_item ADD CONSTRAINT assistance_item_version_check CHECK ((version > 0));
CREATE INDEX assistance_item_case_idx ON public.assistance_item USING btree (case_id, created_at, id);
CREATE INDEX assistance_item_provider_idx ON public.assistance_item USING btree (provider_organisation_id);
ALTER TABLE assistance_item ENABLE ROW LEVEL SECURITY;
ALTER TABLE assistance_item FORCE ROW LEVEL SECURITY;
CREATE POLICY assistance_item_insert ON assistance_item FOR INSERT TO panoh_service
  WITH CHECK (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND ((owner_organisation_id = panoh_caller_organisation()) OR ((provider_organisation_id = panoh_caller_organisation()) AND panoh_case_shared_with_caller_as(case_id, 'referral'::text))) AND panoh_case_owned_by(case_id, owner_organisation_id)));
CREATE POLICY assistance_item_read ON assistance_item FOR SELECT TO panoh_service
  USING (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND ((owner_organisation_id = panoh_caller_organisation()) OR ((provider_organisation_id = panoh_caller_organisation()) AND panoh_case_shared_with_caller_as(case_id, 'referral'::text)))));
CREATE POLICY assistance_item_referral_acceptance ON assistance_item FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
CREATE POLICY assistance_item_task_job ON assistance_item FOR SELECT TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'task_job'::text));
CREATE POLICY assistance_item_update ON assistance_item FOR UPDATE TO panoh_service
  USING (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND ((owner_organisation_id = panoh_caller_organisation()) OR ((provider_organisation_id = panoh_caller_organisation()) AND panoh_case_shared_with_caller_as(case_id, 'referral'::text)))))
  WITH CHECK (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND ((owner_organisation_id = panoh_caller_organisation()) OR ((provider_organisation_id = panoh_caller_organisation()) AND panoh_case_shared_with_caller_as(case_id, 'referral'::text))) AND panoh_case_owned_by(case_id, owner_organisation_id)));
GRANT INSERT, SELECT, UPDATE ON TABLE assistance_item TO panoh_service;
GRANT SELECT ON TABLE assistance_item TO panoh_backup;

CREATE TABLE attachment (
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  owner_organisation_id uuid NOT NULL,
  kind text NOT NULL,
  media_type text NOT NULL,
  size_bytes integer NOT NULL,
  chunk_count integer NOT NULL,
  content_header bytea NOT NULL,
  file_name bytea NOT NULL,
  description bytea,
  created_by uuid NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL
);
ALTER TABLE attachment ADD CONSTRAINT attachment_case_id_fkey FOREIGN KEY (case_id) REFERENCES victim_case(id);
ALTER TABLE attachment ADD CONSTRAINT attachment_chunk_count_check CHECK ((chunk_count > 0));
ALTER TABLE attachment ADD CONSTRAINT attachment_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id);
ALTER TABLE attachment ADD CONSTRAINT attachment_id_case_id_key UNIQUE (id, case_id);
ALTER TABLE attachment ADD CONSTRAINT attachment_kind_check CHECK ((kind = ANY (ARRAY['identity_document'::text, 'consent_form'::text, 'photo'::text, 'medical'::text, 'legal'::text, 'other'::text])));
ALTER TABLE attachment ADD CONSTRAINT attachment_media_type_check CHECK ((media_type = ANY (ARRAY['application/pdf'::text, 'image/jpeg'::text, 'image/png'::text])));
ALTER TABLE attachment ADD CONSTRAINT attachment_owner_organisation_id_fkey FOREIGN KEY (owner_organisation_id) REFERENCES organisation(id);
ALTER TABLE attachment ADD CONSTRAINT attachment_pkey PRIMARY KEY (id);
ALTER TABLE attachment ADD CONSTRAINT attachment_size_bytes_check CHECK ((size_bytes > 0));
CREATE INDEX attachment_case_idx ON public.attachment USING btree (case_id, created_at, id);
ALTER TABLE attachment ENABLE ROW LEVEL SECURITY;
ALTER TABLE attachment FORCE ROW LEVEL SECURITY;
CREATE POLICY attachment_delete ON attachment FOR DELETE TO panoh_service
  USING (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation())));
CREATE POLICY attachment_insert ON attachment FOR INSERT TO panoh_service
  WITH CHECK (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation()) AND panoh_case_owned_by(case_id, owner_organisation_id)));
CREATE POLICY attachment_read ON attachment FOR SELECT TO panoh_service
  USING ((((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation())) OR ((EXISTS ( SELECT 1
   FROM attachment_share s
  WHERE ((s.attachment_id = attachment.id) AND (s.organisation_id = panoh_caller_organisation())))) AND panoh_case_shared_with_caller(case_id))));
CREATE POLICY attachment_referral_acceptance ON attachment FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
GRANT DELETE, INSERT, SELECT ON TABLE attachment TO panoh_service;
GRANT SELECT ON TABLE attachment TO panoh_backup;

CREATE TABLE attachment_chunk (
  attachment_id uuid NOT NULL,
  seq integer NOT NULL,
  content bytea NOT NULL
);
ALTER TABLE attachment_chunk ADD CONSTRAINT attachment_chunk_attachment_id_fkey FOREIGN KEY (attachment_id) REFERENCES attachment(id) ON DELETE CASCADE;
ALTER TABLE attachment_chunk ADD CONSTRAINT attachment_chunk_pkey PRIMARY KEY (attachment_id, seq);
ALTER TABLE attachment_chunk ADD CONSTRAINT attachment_chunk_seq_check CHECK ((seq >= 0));
ALTER TABLE attachment_chunk ENABLE ROW LEVEL SECURITY;
ALTER TABLE attachment_chunk FORCE ROW LEVEL SECURITY;
CREATE POLICY attachment_chunk_insert ON attachment_chunk FOR INSERT TO panoh_service
  WITH CHECK ((EXISTS ( SELECT 1
   FROM attachment a
  WHERE ((a.id = attachment_chunk.attachment_id) AND (a.owner_organisation_id = panoh_caller_organisation())))));
CREATE POLICY attachment_chunk_read ON attachment_chunk FOR SELECT TO panoh_service
  USING ((EXISTS ( SELECT 1
   FROM attachment a
  WHERE (a.id = attachment_chunk.attachment_id))));
GRANT INSERT, SELECT ON TABLE attachment_chunk TO panoh_service;
GRANT SELECT ON TABLE attachment_chunk TO panoh_backup;

CREATE TABLE attachment_share (
  attachment_id uuid NOT NULL,
  case_id uuid NOT NULL,
  owner_organisation_id uuid NOT NULL,
  organisation_id uuid NOT NULL,
  shared_by uuid NOT NULL,
  shared_at timestamp with time zone DEFAULT now() NOT NULL
);
ALTER TABLE attachment_share ADD CONSTRAINT attachment_share_attachment_id_case_id_fkey FOREIGN KEY (attachment_id, case_id) REFERENCES attachment(id, case_id) ON DELETE CASCADE;
ALTER TABLE attachment_share ADD CONSTRAINT attachment_share_case_id_fkey FOREIGN KEY (case_id) REFERENCES victim_case(id);
ALTER TABLE attachment_share ADD CONSTRAINT attachment_share_check CHECK ((organisation_id <> owner_organisation_id));
ALTER TABLE attachment_share ADD CONSTRAINT attachment_share_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation(id);
ALTER TABLE attachment_share ADD CONSTRAINT attachment_share_owner_organisation_id_fkey FOREIGN KEY (owner_organisation_id) REFERENCES organisation(id);
ALTER TABLE attachment_share ADD CONSTRAINT attachment_share_pkey PRIMARY KEY (attachment_id, organisation_id);
ALTER TABLE attachment_share ADD CONSTRAINT attachment_share_shared_by_fkey FOREIGN KEY (shared_by) REFERENCES app_user(id);
CREATE INDEX attachment_share_organisation_idx ON public.attachment_share USING btree (organisation_id);
ALTER TABLE attachment_share ENABLE ROW LEVEL SECURITY;
ALTER TABLE attachment_share FORCE ROW LEVEL SECURITY;
CREATE POLICY attachment_share_delete ON attachment_share FOR DELETE TO panoh_service
  USING (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation())));
CREATE POLICY attachment_share_insert ON attachment_share FOR INSERT TO panoh_service
  WITH CHECK (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation()) AND panoh_case_owned_by(case_id, owner_organisation_id)));
CREATE POLICY attachment_share_read ON attachment_share FOR SELECT TO panoh_service
  USING ((((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation())) OR (organisation_id = panoh_caller_organisation())));
CREATE POLICY attachment_share_referral_acceptance ON attachment_share FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
GRANT DELETE, INSERT, SELECT ON TABLE attachment_share TO panoh_service;
GRANT SELECT ON TABLE attachment_share TO panoh_backup;

CREATE TABLE audit_chain (
  seq bigint NOT NULL,
  hash bytea NOT NULL
);
ALTER TABLE audit_chain ADD CONSTRAINT audit_chain_hash_check CHECK ((length(hash) = 32));
ALTER TABLE audit_chain ADD CONSTRAINT audit_chain_pkey PRIMARY KEY (seq);
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON public.audit_chain FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_chain_no_update_delete BEFORE DELETE OR UPDATE ON public.audit_chain FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
GRANT INSERT, SELECT ON TABLE audit_chain TO panoh_service;
GRANT SELECT ON TABLE audit_chain TO panoh_backup;

CREATE TABLE audit_event (
  seq bigint NOT NULL,
  xid xid8 NOT NULL,
  occurred_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
  actor_user_id uuid,
  actor_organisation_id uuid,
  actor_role text,
  action text NOT NULL,
  outcome text NOT NULL,
  status_code integer,
  case_ids uuid[] DEFAULT '{}'::uuid[] NOT NULL,
  person_ids uuid[] DEFAULT '{}'::uuid[] NOT NULL,
  view text,
  fields text[],
  request_id text,
  client_address text,
  detail jsonb
);
ALTER TABLE audit_event ADD CONSTRAINT audit_event_outcome_check CHECK ((outcome = ANY (ARRAY['allowed'::text, 'denied'::text, 'failed'::text])));
ALTER TABLE audit_event ADD CONSTRAINT audit_event_pkey PRIMARY KEY (seq);
CREATE INDEX audit_event_actor_idx ON public.audit_event USING btree (actor_user_id, seq);
CREATE INDEX audit_event_case_ids_idx ON public.audit_event USING gin (case_ids);
CREATE INDEX audit_event_person_ids_idx ON public.audit_event USING gin (person_ids);
CREATE INDEX audit_event_time_idx ON public.audit_event USING brin (occurred_at);
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON public.audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_event_no_update_delete BEFORE DELETE OR UPDATE ON public.audit_event FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
GRANT INSERT, SELECT ON TABLE audit_event TO panoh_service;
GRANT SELECT ON TABLE audit_event TO panoh_backup;

CREATE TABLE audit_seal (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  up_to_seq bigint NOT NULL,
  event_count bigint NOT NULL,
  head_hash bytea NOT NULL,
  sealed_at timestamp with time zone NOT NULL,
  public_key bytea NOT NULL,
  signature bytea NOT NULL
);
ALTER TABLE audit_seal ADD CONSTRAINT audit_seal_head_hash_check CHECK ((length(head_hash) = 32));
ALTER TABLE audit_seal ADD CONSTRAINT audit_seal_pkey PRIMARY KEY (id);
ALTER TABLE audit_seal ADD CONSTRAINT audit_seal_public_key_check CHECK ((length(public_key) = 32));
ALTER TABLE audit_seal ADD CONSTRAINT audit_seal_signature_check CHECK ((length(signature) = 64));
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON public.audit_seal FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_seal_no_update_delete BEFORE DELETE OR UPDATE ON public.audit_seal FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
GRANT INSERT, SELECT ON TABLE audit_seal TO panoh_service;
GRANT SELECT ON TABLE audit_seal TO panoh_backup;

CREATE TABLE auth_session (
  id uuid NOT NULL,
  token_hash bytea NOT NULL,
  user_id uuid NOT NULL,
  organisation_id uuid NOT NULL,
  role text NOT NULL,
  second_factor boolean DEFAULT false NOT NULL,
  created_at timestamp with time zone NOT NULL,
  last_seen_at timestamp with time zone NOT NULL,
  expires_at timestamp with time zone NOT NULL,
  ended_at timestamp with time zone,
  end_reason text,
  device text DEFAULT 'other'::text NOT NULL
);
ALTER TABLE auth_session ADD CONSTRAINT auth_session_device_check CHECK ((device ~ '^[A-Za-z ]{1,40}$'::text));
ALTER TABLE auth_session ADD CONSTRAINT auth_session_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation(id);
ALTER TABLE auth_session ADD CONSTRAINT auth_session_pkey PRIMARY KEY (id);
ALTER TABLE auth_session ADD CONSTRAINT auth_session_token_hash_check CHECK ((length(token_hash) = 32));
ALTER TABLE auth_session ADD CONSTRAINT auth_session_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id);
CREATE INDEX auth_session_live_user_idx ON public.auth_session USING btree (user_id) WHERE (ended_at IS NULL);
CREATE UNIQUE INDEX auth_session_token_hash_key ON public.auth_session USING btree (token_hash);
GRANT INSERT, SELECT, UPDATE ON TABLE auth_session TO panoh_service;
GRANT SELECT ON TABLE auth_session TO panoh_backup;

CREATE TABLE case_note (
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  owner_organisation_id uuid NOT NULL,
  kind text NOT NULL,
  occurred_on date NOT NULL,
  text bytea NOT NULL,
  author_id uuid NOT NULL,
  created_at timestamp with time zone NOT NULL,
  edited_at timestamp with time zone,
  revision integer DEFAULT 1 NOT NULL
);
ALTER TABLE case_note ADD CONSTRAINT case_note_author_id_fkey FOREIGN KEY (author_id) REFERENCES app_user(id);
ALTER TABLE case_note ADD CONSTRAINT case_note_case_id_fkey FOREIGN KEY (case_id) REFERENCES victim_case(id);
ALTER TABLE case_note ADD CONSTRAINT case_note_id_case_id_key UNIQUE (id, case_id);
ALTER TABLE case_note ADD CONSTRAINT case_note_kind_check CHECK ((kind = ANY (ARRAY['contact'::text, 'counselling'::text, 'visit'::text, 'other'::text])));
ALTER TABLE case_note ADD CONSTRAINT case_note_owner_organisation_id_fkey FOREIGN KEY (owner_organisation_id) REFERENCES organisation(id);
ALTER TABLE case_note ADD CONSTRAINT case_note_pkey PRIMARY KEY (id);
ALTER TABLE case_note ADD CONSTRAINT case_note_revision_check CHECK ((revision > 0));
CREATE INDEX case_note_case_idx ON public.case_note USING btree (case_id, occurred_on, created_at, id);
ALTER TABLE case_note ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_note FORCE ROW LEVEL SECURITY;
CREATE POLICY case_note_delete ON case_note FOR DELETE TO panoh_service
  USING (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation())));
CREATE POLICY case_note_insert ON case_note FOR INSERT TO panoh_service
  WITH CHECK (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation()) AND panoh_case_owned_by(case_id, owner_organisation_id)));
CREATE POLICY case_note_read ON case_note FOR SELECT TO panoh_service
  USING ((((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation())) OR ((EXISTS ( SELECT 1
   FROM case_note_share s
  WHERE ((s.note_id = case_note.id) AND (s.organisation_id = panoh_caller_organisation())))) AND panoh_case_shared_with_caller_as(case_id, 'referral'::text))));
CREATE POLICY case_note_referral_acceptance ON case_note FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
CREATE POLICY case_note_update ON case_note FOR UPDATE TO panoh_service
  USING (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation())))
  WITH CHECK (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation()) AND panoh_case_owned_by(case_id, owner_organisation_id)));
GRANT DELETE, INSERT, SELECT ON TABLE case_note TO panoh_service;
GRANT SELECT ON TABLE case_note TO panoh_backup;
GRANT UPDATE (kind, occurred_on, text, edited_at, revision) ON TABLE case_note TO panoh_service;

CREATE TABLE case_note_addendum (
  id uuid NOT NULL,
  note_id uuid NOT NULL,
  case_id uuid NOT NULL,
  owner_organisation_id uuid NOT NULL,
  text bytea NOT NULL,
  author_id uuid NOT NULL,
  created_at timestamp with time zone NOT NULL
);
ALTER TABLE case_note_addendum ADD CONSTRAINT case_note_addendum_author_id_fkey FOREIGN KEY (author_id) REFERENCES app_user(id);
ALTER TABLE case_note_addendum ADD CONSTRAINT case_note_addendum_note_id_case_id_fkey FOREIGN KEY (note_id, case_id) REFERENCES case_note(id, case_id) ON DELETE CASCADE;
ALTER TABLE case_note_addendum ADD CONSTRAINT case_note_addendum_owner_organisation_id_fkey FOREIGN KEY (owner_organisation_id) REFERENCES organisation(id);
ALTER TABLE case_note_addendum ADD CONSTRAINT case_note_addendum_pkey PRIMARY KEY (id);
CREATE INDEX case_note_addendum_note_idx ON public.case_note_addendum USING btree (note_id, created_at, id);
ALTER TABLE case_note_addendum ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_note_addendum FORCE ROW LEVEL SECURITY;
CREATE POLICY case_note_addendum_insert ON case_note_addendum FOR INSERT TO panoh_service
  WITH CHECK (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation()) AND panoh_case_owned_by(case_id, owner_organisation_id)));
CREATE POLICY case_note_addendum_read ON case_note_addendum FOR SELECT TO panoh_service
  USING ((((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation())) OR ((EXISTS ( SELECT 1
   FROM case_note_share s
  WHERE ((s.note_id = s.note_id) AND (s.organisation_id = panoh_caller_organisation())))) AND panoh_case_shared_with_caller_as(case_id, 'referral'::text))));
CREATE POLICY case_note_addendum_referral_acceptance ON case_note_addendum FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
GRANT INSERT, SELECT ON TABLE case_note_addendum TO panoh_service;
GRANT SELECT ON TABLE case_note_addendum TO panoh_backup;

CREATE TABLE case_note_revision (
  note_id uuid NOT NULL,
  case_id uuid NOT NULL,
  owner_organisation_id uuid NOT NULL,
  revision integer NOT NULL,
  kind text NOT NULL,
  occurred_on date NOT NULL,
  text bytea NOT NULL,
  replaced_at timestamp with time zone NOT NULL
);
ALTER TABLE case_note_revision ADD CONSTRAINT case_note_revision_kind_check CHECK ((kind = ANY (ARRAY['contact'::text, 'counselling'::text, 'visit'::text, 'other'::text])));
ALTER TABLE case_note_revision ADD CONSTRAINT case_note_revision_note_id_case_id_fkey FOREIGN KEY (note_id, case_id) REFERENCES case_note(id, case_id) ON DELETE CASCADE;
ALTER TABLE case_note_revision ADD CONSTRAINT case_note_revision_owner_organisation_id_fkey FOREIGN KEY (owner_organisation_id) REFERENCES organisation(id);
ALTER TABLE case_note_revision ADD CONSTRAINT case_note_revision_pkey PRIMARY KEY (note_id, revision);
ALTER TABLE case_note_revision ADD CONSTRAINT case_note_revision_revision_check CHECK ((revision > 0));
ALTER TABLE case_note_revision ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_note_revision FORCE ROW LEVEL SECURITY;
CREATE POLICY case_note_revision_insert ON case_note_revision FOR INSERT TO panoh_service
  WITH CHECK (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation()) AND panoh_case_owned_by(case_id, owner_organisation_id)));
CREATE POLICY case_note_revision_read ON case_note_revision FOR SELECT TO panoh_service
  USING (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation())));
CREATE POLICY case_note_revision_referral_acceptance ON case_note_revision FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
GRANT INSERT, SELECT ON TABLE case_note_revision TO panoh_service;
GRANT SELECT ON TABLE case_note_revision TO panoh_backup;

CREATE TABLE case_note_share (
  note_id uuid NOT NULL,
  case_id uuid NOT NULL,
  owner_organisation_id uuid NOT NULL,
  organisation_id uuid NOT NULL,
  shared_by uuid NOT NULL,
  shared_at timestamp with time zone DEFAULT now() NOT NULL
);
ALTER TABLE case_note_share ADD CONSTRAINT case_note_share_case_id_fkey FOREIGN KEY (case_id) REFERENCES victim_case(id);
ALTER TABLE case_note_share ADD CONSTRAINT case_note_share_check CHECK ((organisation_id <> owner_organisation_id));
ALTER TABLE case_note_share ADD CONSTRAINT case_note_share_note_id_case_id_fkey FOREIGN KEY (note_id, case_id) REFERENCES case_note(id, case_id) ON DELETE CASCADE;
ALTER TABLE case_note_share ADD CONSTRAINT case_note_share_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation(id);
ALTER TABLE case_note_share ADD CONSTRAINT case_note_share_owner_organisation_id_fkey FOREIGN KEY (owner_organisation_id) REFERENCES organisation(id);
ALTER TABLE case_note_share ADD CONSTRAINT case_note_share_pkey PRIMARY KEY (note_id, organisation_id);
ALTER TABLE case_note_share ADD CONSTRAINT case_note_share_shared_by_fkey FOREIGN KEY (shared_by) REFERENCES app_user(id);
CREATE INDEX case_note_share_organisation_idx ON public.case_note_share USING btree (organisation_id);
ALTER TABLE case_note_share ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_note_share FORCE ROW LEVEL SECURITY;
CREATE POLICY case_note_share_delete ON case_note_share FOR DELETE TO panoh_service
  USING (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation())));
CREATE POLICY case_note_share_insert ON case_note_share FOR INSERT TO panoh_service
  WITH CHECK (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation()) AND panoh_case_owned_by(case_id, owner_organisation_id)));
CREATE POLICY case_note_share_read ON case_note_share FOR SELECT TO panoh_service
  USING ((((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation())) OR (organisation_id = panoh_caller_organisation())));
CREATE POLICY case_note_share_referral_acceptance ON case_note_share FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
GRANT DELETE, INSERT, SELECT ON TABLE case_note_share TO panoh_service;
GRANT SELECT ON TABLE case_note_share TO panoh_backup;

CREATE TABLE case_reference_counter (
  year integer NOT NULL,
  last_number integer NOT NULL
);
ALTER TABLE case_reference_counter ADD CONSTRAINT case_reference_counter_last_number_check CHECK (((last_number >= 1) AND (last_number <= 99999)));
ALTER TABLE case_reference_counter ADD CONSTRAINT case_reference_counter_pkey PRIMARY KEY (year);
ALTER TABLE case_reference_counter ADD CONSTRAINT case_reference_counter_year_check CHECK (((year >= 2000) AND (year <= 2999)));
GRANT INSERT, SELECT, UPDATE ON TABLE case_reference_counter TO panoh_service;
GRANT SELECT ON TABLE case_reference_counter TO panoh_backup;

CREATE TABLE case_share (
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  owner_organisation_id uuid NOT NULL,
  organisation_id uuid NOT NULL,
  purpose text NOT NULL,
  view text NOT NULL,
  consent_id uuid,
  accepted_at timestamp with time zone,
  revoked_at timestamp with time zone,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  organisation_kind text GENERATED ALWAYS AS ('service'::text) STORED NOT NULL
);
ALTER TABLE case_share ADD CONSTRAINT case_share_case_id_fkey FOREIGN KEY (case_id) REFERENCES victim_case(id);
ALTER TABLE case_share ADD CONSTRAINT case_share_consent_id_fkey FOREIGN KEY (consent_id) REFERENCES consent(id);
ALTER TABLE case_share ADD CONSTRAINT case_share_investigation CHECK (((purpose = 'law_enforcement'::text) = (view = 'investigation'::text)));
ALTER TABLE case_share ADD CONSTRAINT case_share_law_enforcement_consent CHECK (((purpose <> 'law_enforcement'::text) OR (consent_id IS NOT NULL)));
ALTER TABLE case_share ADD CONSTRAINT case_share_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation(id);
ALTER TABLE case_share ADD CONSTRAINT case_share_owner_organisation_id_fkey FOREIGN KEY (owner_organisation_id) REFERENCES organisation(id);
ALTER TABLE case_share ADD CONSTRAINT case_share_pkey PRIMARY KEY (id);
ALTER TABLE case_share ADD CONSTRAINT case_share_purpose_check CHECK ((purpose = ANY (ARRAY['assistance'::text, 'referral'::text, 'shelter'::text, 'medical'::text, 'psychosocial'::text, 'legal'::text, 'livelihood'::text, 'return'::text, 'law_enforcement'::text, 'transfer'::text])));
ALTER TABLE case_share ADD CONSTRAINT case_share_view_check CHECK ((view = ANY (ARRAY['referral'::text, 'investigation'::text])));
ALTER TABLE case_share ADD CONSTRAINT case_share_with_service FOREIGN KEY (organisation_id, organisation_kind) REFERENCES organisation(id, kind);
CREATE INDEX case_share_case_idx ON public.case_share USING btree (case_id);
CREATE INDEX case_share_organisation_idx ON public.case_share USING btree (organisation_id, case_id);
ALTER TABLE case_share ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_share FORCE ROW LEVEL SECURITY;
CREATE POLICY case_share_read ON case_share FOR SELECT TO panoh_service
  USING (((owner_organisation_id = panoh_caller_organisation()) OR (organisation_id = panoh_caller_organisation())));
CREATE POLICY case_share_referral_acceptance ON case_share FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
CREATE POLICY case_share_update ON case_share FOR UPDATE TO panoh_service
  USING ((owner_organisation_id = panoh_caller_organisation()))
  WITH CHECK ((owner_organisation_id = panoh_caller_organisation()));
CREATE POLICY case_share_write ON case_share FOR INSERT TO panoh_service
  WITH CHECK (((owner_organisation_id = panoh_caller_organisation()) AND panoh_case_owned_by_caller(case_id)));
GRANT INSERT, SELECT ON TABLE case_share TO panoh_service;
GRANT SELECT ON TABLE case_share TO panoh_backup;
GRANT UPDATE (revoked_at) ON TABLE case_share TO panoh_service;

CREATE TABLE consent (
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  owner_organisation_id uuid NOT NULL,
  purpose text NOT NULL,
  recipient_organisation_id uuid,
  given_at timestamp with time zone NOT NULL,
  given_by uuid NOT NULL,
  withdrawn_at timestamp with time zone,
  withdrawn_by uuid,
  referral_purposes text[] DEFAULT '{}'::text[] NOT NULL,
  recipient_organisation_kind text GENERATED ALWAYS AS ('service'::text) STORED NOT NULL
);
ALTER TABLE consent ADD CONSTRAINT consent_case_id_fkey FOREIGN KEY (case_id) REFERENCES victim_case(id);
ALTER TABLE consent ADD CONSTRAINT consent_given_by_fkey FOREIGN KEY (given_by) REFERENCES app_user(id);
ALTER TABLE consent ADD CONSTRAINT consent_owner_organisation_id_fkey FOREIGN KEY (owner_organisation_id) REFERENCES organisation(id);
ALTER TABLE consent ADD CONSTRAINT consent_pkey PRIMARY KEY (id);
ALTER TABLE consent ADD CONSTRAINT consent_purpose_check CHECK ((purpose = ANY (ARRAY['assistance'::text, 'referral'::text, 'law_enforcement_disclosure'::text, 'statistics'::text])));
ALTER TABLE consent ADD CONSTRAINT consent_recipient CHECK ((((purpose <> 'referral'::text) OR (recipient_organisation_id IS NOT NULL)) AND ((purpose = ANY (ARRAY['referral'::text, 'law_enforcement_disclosure'::text])) OR (recipient_organisation_id IS NULL))));
ALTER TABLE consent ADD CONSTRAINT consent_recipient_organisation_id_fkey FOREIGN KEY (recipient_organisation_id) REFERENCES organisation(id);
ALTER TABLE consent ADD CONSTRAINT consent_recipient_service FOREIGN KEY (recipient_organisation_id, recipient_organisation_kind) REFERENCES organisation(id, kind);
ALTER TABLE consent ADD CONSTRAINT consent_referral_purposes CHECK ((((purpose = 'referral'::text) OR (referral_purposes = '{}'::text[])) AND (referral_purposes <@ ARRAY['shelter'::text, 'medical'::text, 'psychosocial'::text, 'legal'::text, 'livelihood'::text, 'return'::text, 'law_enforcement'::text, 'transfer'::text])));
ALTER TABLE consent ADD CONSTRAINT consent_withdrawal CHECK (((withdrawn_at IS NULL) = (withdrawn_by IS NULL)));
ALTER TABLE consent ADD CONSTRAINT consent_withdrawn_by_fkey FOREIGN KEY (withdrawn_by) REFERENCES app_user(id);
CREATE INDEX consent_case_idx ON public.consent USING btree (case_id);
ALTER TABLE consent ENABLE ROW LEVEL SECURITY;
ALTER TABLE consent FORCE ROW LEVEL SECURITY;
CREATE POLICY consent_insert ON consent FOR INSERT TO panoh_service
  WITH CHECK (((owner_organisation_id = panoh_caller_organisation()) AND panoh_case_owned_by_caller(case_id)));
CREATE POLICY consent_read ON consent FOR SELECT TO panoh_service
  USING (((owner_organisation_id = panoh_caller_organisation()) OR (EXISTS ( SELECT 1
   FROM case_share s
  WHERE ((s.consent_id = consent.id) AND (s.organisation_id = panoh_caller_organisation()))))));
CREATE POLICY consent_referral_acceptance ON consent FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
CREATE POLICY consent_referral_lock ON consent FOR UPDATE TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_lock'::text))
  WITH CHECK (false);
CREATE POLICY consent_referral_lock_read ON consent FOR SELECT TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_lock'::text));
CREATE POLICY consent_statistics ON consent FOR SELECT TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'statistics'::text));
CREATE POLICY consent_update ON consent FOR UPDATE TO panoh_service
  USING ((owner_organisation_id = panoh_caller_organisation()))
  WITH CHECK ((owner_organisation_id = panoh_caller_organisation()));
GRANT INSERT, SELECT, UPDATE ON TABLE consent TO panoh_service;
GRANT SELECT ON TABLE consent TO panoh_backup;

CREATE TABLE data_key (
  id uuid NOT NULL,
  version integer DEFAULT 1 NOT NULL,
  kek_version integer NOT NULL,
  wrapped_key bytea NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  rewrapped_at timestamp with time zone
);
ALTER TABLE data_key ADD CONSTRAINT data_key_kek_version_check CHECK ((kek_version > 0));
ALTER TABLE data_key ADD CONSTRAINT data_key_pkey PRIMARY KEY (id);
ALTER TABLE data_key ADD CONSTRAINT data_key_version_check CHECK ((version > 0));
ALTER TABLE data_key ADD CONSTRAINT data_key_wrapped_key_check CHECK ((length(wrapped_key) = 40));
CREATE INDEX data_key_kek_version_idx ON public.data_key USING btree (kek_version);
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE data_key TO panoh_service;
GRANT SELECT ON TABLE data_key TO panoh_backup;

CREATE TABLE duplicate_check_throttle (
  user_id uuid NOT NULL,
  window_started_at timestamp with time zone NOT NULL,
  checks integer NOT NULL
);
ALTER TABLE duplicate_check_throttle ADD CONSTRAINT duplicate_check_throttle_pkey PRIMARY KEY (user_id);
ALTER TABLE duplicate_check_throttle ADD CONSTRAINT duplicate_check_throttle_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id);
GRANT INSERT, SELECT, UPDATE ON TABLE duplicate_check_throttle TO panoh_service;
GRANT SELECT ON TABLE duplicate_check_throttle TO panoh_backup;

CREATE TABLE idempotency_key (
  user_id uuid NOT NULL,
  route text NOT NULL,
  key_hash bytea NOT NULL,
  request_hash bytea NOT NULL,
  status integer,
  resource_id uuid,
  location text,
  created_at timestamp with time zone DEFAULT now() NOT NULL
);
ALTER TABLE idempotency_key ADD CONSTRAINT idempotency_key_key_hash_check CHECK ((length(key_hash) = 32));
ALTER TABLE idempotency_key ADD CONSTRAINT idempotency_key_location_check CHECK ((location ~ '^/ui/[A-Za-z0-9/_=?&-]*$'::text));
ALTER TABLE idempotency_key ADD CONSTRAINT idempotency_key_pkey PRIMARY KEY (user_id, route, key_hash);
ALTER TABLE idempotency_key ADD CONSTRAINT idempotency_key_request_hash_check CHECK ((length(request_hash) = 32));
ALTER TABLE idempotency_key ADD CONSTRAINT idempotency_key_route_check CHECK ((length(route) <= 200));
ALTER TABLE idempotency_key ADD CONSTRAINT idempotency_key_status_check CHECK (((status >= 200) AND (status <= 399)));
ALTER TABLE idempotency_key ADD CONSTRAINT idempotency_key_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id);
CREATE INDEX idempotency_key_created_idx ON public.idempotency_key USING btree (created_at);
ALTER TABLE idempotency_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_key FORCE ROW LEVEL SECURITY;
CREATE POLICY idempotency_key_own ON idempotency_key FOR ALL TO panoh_service
  USING ((user_id = panoh_caller_user()))
  WITH CHECK ((user_id = panoh_caller_user()));
GRANT DELETE, INSERT, SELECT ON TABLE idempotency_key TO panoh_service;
GRANT SELECT ON TABLE idempotency_key TO panoh_backup;
GRANT UPDATE (status, resource_id, location) ON TABLE idempotency_key TO panoh_service;

CREATE TABLE login_throttle (
  key bytea NOT NULL,
  failures integer DEFAULT 0 NOT NULL,
  last_failure_at timestamp with time zone,
  window_started_at timestamp with time zone NOT NULL,
  window_attempts integer DEFAULT 0 NOT NULL
);
ALTER TABLE login_throttle ADD CONSTRAINT login_throttle_pkey PRIMARY KEY (key);
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE login_throttle TO panoh_service;
GRANT SELECT ON TABLE login_throttle TO panoh_backup;

CREATE TABLE notification (
  id uuid NOT NULL,
  organisation_id uuid NOT NULL,
  kind text NOT NULL,
  referral_id uuid,
  case_id uuid,
  created_at timestamp with time zone NOT NULL
);
ALTER TABLE notification ADD CONSTRAINT notification_case_id_fkey FOREIGN KEY (case_id) REFERENCES victim_case(id);
ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK ((kind = ANY (ARRAY['referral_received'::text, 'referral_accepted'::text, 'referral_declined'::text, 'referral_withdrawn'::text, 'referral_overdue'::text, 'consent_withdrawn'::text, 'task_overdue'::text])));
ALTER TABLE notification ADD CONSTRAINT notification_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation(id);
ALTER TABLE notification ADD CONSTRAINT notification_pkey PRIMARY KEY (id);
ALTER TABLE notification ADD CONSTRAINT notification_referral_id_fkey FOREIGN KEY (referral_id) REFERENCES referral(id);
CREATE INDEX notification_organisation_idx ON public.notification USING btree (organisation_id, created_at DESC);
CREATE UNIQUE INDEX notification_overdue_once ON public.notification USING btree (organisation_id, referral_id) WHERE (kind = 'referral_overdue'::text);
ALTER TABLE notification ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification FORCE ROW LEVEL SECURITY;
CREATE POLICY notification_insert ON notification FOR INSERT TO panoh_service
  WITH CHECK ((((referral_id IS NOT NULL) AND (EXISTS ( SELECT 1
   FROM referral r
  WHERE ((r.id = notification.referral_id) AND (r.case_id = notification.case_id) AND ((notification.organisation_id = r.from_organisation_id) OR (notification.organisation_id = r.to_organisation_id)))))) OR ((referral_id IS NULL) AND panoh_case_owned_by_caller(case_id) AND (EXISTS ( SELECT 1
   FROM case_share s
  WHERE ((s.case_id = notification.case_id) AND (s.organisation_id = notification.organisation_id)))))));
CREATE POLICY notification_read ON notification FOR SELECT TO panoh_service
  USING ((organisation_id = panoh_caller_organisation()));
CREATE POLICY notification_referral_acceptance ON notification FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
CREATE POLICY notification_task_job ON notification FOR INSERT TO owner
  WITH CHECK (((current_setting('panoh.definer_scope'::text, true) = 'task_job'::text) AND (kind = 'task_overdue'::text)));
GRANT INSERT, SELECT ON TABLE notification TO panoh_service;
GRANT SELECT ON TABLE notification TO panoh_backup;

CREATE TABLE organisation (
  id uuid NOT NULL,
  name text NOT NULL,
  type text NOT NULL,
  region text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  kind text NOT NULL
);
ALTER TABLE organisation ADD CONSTRAINT organisation_id_kind_key UNIQUE (id, kind);
ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check CHECK ((kind = ANY (ARRAY['service'::text, 'oversight'::text])));
ALTER TABLE organisation ADD CONSTRAINT organisation_name_check CHECK (((length(name) >= 1) AND (length(name) <= 200)));
ALTER TABLE organisation ADD CONSTRAINT organisation_pkey PRIMARY KEY (id);
ALTER TABLE organisation ADD CONSTRAINT organisation_region_check CHECK ((region = ANY (ARRAY['TJ-DU'::text, 'TJ-SU'::text, 'TJ-KT'::text, 'TJ-GB'::text, 'TJ-RA'::text])));
ALTER TABLE organisation ADD CONSTRAINT organisation_type_check CHECK ((type = ANY (ARRAY['NGO'::text, 'LawEnforcement'::text, 'HealthServiceOrganisation'::text, 'CentralGovernmentOrganisation'::text, 'LocalGovernmentOrganisation'::text, 'ImmigrationService'::text, 'LegalService'::text, 'CorporateBusiness'::text, 'SchoolOrCollege'::text, 'Shelter'::text])));
CREATE UNIQUE INDEX organisation_name_key ON public.organisation USING btree (lower(name));
GRANT INSERT, SELECT ON TABLE organisation TO panoh_service;
GRANT SELECT ON TABLE organisation TO panoh_backup;

CREATE TABLE pending_sign_in (
  token_hash bytea NOT NULL,
  user_id uuid NOT NULL,
  webauthn_challenge text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  expires_at timestamp with time zone NOT NULL,
  used_at timestamp with time zone
);
ALTER TABLE pending_sign_in ADD CONSTRAINT pending_sign_in_pkey PRIMARY KEY (token_hash);
ALTER TABLE pending_sign_in ADD CONSTRAINT pending_sign_in_token_hash_check CHECK ((length(token_hash) = 32));
ALTER TABLE pending_sign_in ADD CONSTRAINT pending_sign_in_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id);
ALTER TABLE pending_sign_in ADD CONSTRAINT pending_sign_in_webauthn_challenge_check CHECK ((webauthn_challenge ~ '^[A-Za-z0-9_-]{43}$'::text));
GRANT INSERT, SELECT ON TABLE pending_sign_in TO panoh_service;
GRANT SELECT ON TABLE pending_sign_in TO panoh_backup;
GRANT UPDATE (used_at) ON TABLE pending_sign_in TO panoh_service;

CREATE TABLE perpetrator (
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  owner_organisation_id uuid NOT NULL,
  recorded_by_organisation_id uuid NOT NULL,
  roles text[] NOT NULL,
  gender text,
  nationality text,
  name bytea,
  aliases bytea,
  date_of_birth bytea,
  identity_documents bytea,
  role_details bytea,
  description bytea,
  created_by uuid NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_by uuid NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  version integer DEFAULT 1 NOT NULL
);
ALTER TABLE perpetrator ADD CONSTRAINT perpetrator_case_id_fkey FOREIGN KEY (case_id) REFERENCES victim_case(id);
ALTER TABLE perpetrator ADD CONSTRAINT perpetrator_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id);
ALTER TABLE perpetrator ADD CONSTRAINT perpetrator_nationality_check CHECK ((nationality ~ '^[A-Z]{3}$'::text));
ALTER TABLE perpetrator ADD CONSTRAINT perpetrator_owner_organisation_id_fkey FOREIGN KEY (owner_organisation_id) REFERENCES organisation(id);
ALTER TABLE perpetrator ADD CONSTRAINT perpetrator_pkey PRIMARY KEY (id);
ALTER TABLE perpetrator ADD CONSTRAINT perpetrator_recorded_by_organisation_id_fkey FOREIGN KEY (recorded_by_organisation_id) REFERENCES organisation(id);
ALTER TABLE perpetrator ADD CONSTRAINT perpetrator_roles_check CHECK (((cardinality(roles) > 0) AND (roles <@ ARRAY['TravellingPartner'::text, 'Transporter'::text, 'RecruiterOrIntermediary'::text, 'BrokerTravelAgent'::text, 'TransferredIndividual'::text, 'HarbouredIndividual'::text, 'SoldIndividual'::text, 'BoughtIndividual'::text, 'ReceivedIndividual'::text, 'ControlledIndividual'::text, 'Smuggler'::text, 'Abuser'::text, 'Kidnapper'::text, 'Exploiter'::text, 'Other'::text])));
ALTER TABLE perpetrator ADD CONSTRAINT perpetrator_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES app_user(id);
ALTER TABLE perpetrator ADD CONSTRAINT perpetrator_version_check CHECK ((version > 0));
CREATE INDEX perpetrator_case_idx ON public.perpetrator USING btree (case_id, created_at, id);
ALTER TABLE perpetrator ENABLE ROW LEVEL SECURITY;
ALTER TABLE perpetrator FORCE ROW LEVEL SECURITY;
CREATE POLICY perpetrator_insert ON perpetrator FOR INSERT TO panoh_service
  WITH CHECK (((panoh_caller_role() = 'investigator'::text) AND panoh_case_shared_with_caller_as(case_id, 'investigation'::text) AND panoh_case_owned_by(case_id, owner_organisation_id) AND (recorded_by_organisation_id = panoh_caller_organisation())));
CREATE POLICY perpetrator_read ON perpetrator FOR SELECT TO panoh_service
  USING ((((panoh_caller_role() = 'investigator'::text) AND panoh_case_shared_with_caller_as(case_id, 'investigation'::text)) OR ((panoh_caller_role() = 'org_manager'::text) AND (owner_organisation_id = panoh_caller_organisation()))));
CREATE POLICY perpetrator_referral_acceptance ON perpetrator FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
CREATE POLICY perpetrator_update ON perpetrator FOR UPDATE TO panoh_service
  USING (((panoh_caller_role() = 'investigator'::text) AND panoh_case_shared_with_caller_as(case_id, 'investigation'::text) AND panoh_case_owned_by(case_id, owner_organisation_id)))
  WITH CHECK (((panoh_caller_role() = 'investigator'::text) AND panoh_case_shared_with_caller_as(case_id, 'investigation'::text) AND panoh_case_owned_by(case_id, owner_organisation_id)));
GRANT INSERT, SELECT, UPDATE ON TABLE perpetrator TO panoh_service;
GRANT SELECT ON TABLE perpetrator TO panoh_backup;

CREATE TABLE person (
  id uuid NOT NULL,
  organisation_id uuid NOT NULL,
  registered_by uuid NOT NULL,
  data_key_id uuid,
  family_name bytea,
  given_name bytea,
  patronymic bytea,
  date_of_birth bytea,
  identity_documents bytea,
  phone bytea,
  address bytea,
  notes bytea,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  erased_at timestamp with time zone,
  organisation_kind text GENERATED ALWAYS AS ('service'::text) STORED NOT NULL
);
ALTER TABLE person ADD CONSTRAINT person_data_key_id_fkey FOREIGN KEY (data_key_id) REFERENCES data_key(id);
ALTER TABLE person ADD CONSTRAINT person_data_key_id_key UNIQUE (data_key_id);
ALTER TABLE person ADD CONSTRAINT person_held_by_service FOREIGN KEY (organisation_id, organisation_kind) REFERENCES organisation(id, kind);
ALTER TABLE person ADD CONSTRAINT person_key_or_erased CHECK (((data_key_id IS NULL) = (erased_at IS NOT NULL)));
ALTER TABLE person ADD CONSTRAINT person_names_unless_erased CHECK (((erased_at IS NOT NULL) OR ((family_name IS NOT NULL) AND (given_name IS NOT NULL))));
ALTER TABLE person ADD CONSTRAINT person_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation(id);
ALTER TABLE person ADD CONSTRAINT person_pkey PRIMARY KEY (id);
ALTER TABLE person ADD CONSTRAINT person_registered_by_fkey FOREIGN KEY (registered_by) REFERENCES app_user(id);
CREATE INDEX person_organisation_idx ON public.person USING btree (organisation_id);
ALTER TABLE person ENABLE ROW LEVEL SECURITY;
ALTER TABLE person FORCE ROW LEVEL SECURITY;
CREATE POLICY person_duplicate_check ON person FOR SELECT TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'duplicate_check'::text));
CREATE POLICY person_insert ON person FOR INSERT TO panoh_service
  WITH CHECK ((organisation_id = panoh_caller_organisation()));
CREATE POLICY person_person_holders ON person FOR SELECT TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'person_holders'::text));
CREATE POLICY person_read ON person FOR SELECT TO panoh_service
  USING (((organisation_id = panoh_caller_organisation()) OR panoh_person_shared_with_caller(id)));
CREATE POLICY person_referral_acceptance ON person FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
CREATE POLICY person_reindex ON person FOR SELECT TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'search_reindex'::text));
CREATE POLICY person_statistics ON person FOR SELECT TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'statistics'::text));
CREATE POLICY person_task_job ON person FOR SELECT TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'task_job'::text));
CREATE POLICY person_update ON person FOR UPDATE TO panoh_service
  USING ((organisation_id = panoh_caller_organisation()))
  WITH CHECK ((organisation_id = panoh_caller_organisation()));
CREATE TRIGGER person_erased_shreds_attachments AFTER UPDATE OF erased_at ON public.person FOR EACH ROW WHEN (((old.erased_at IS NULL) AND (new.erased_at IS NOT NULL))) EXECUTE FUNCTION panoh_shred_attachments_of_erased_person();
CREATE TRIGGER person_erased_shreds_notes AFTER UPDATE OF erased_at ON public.person FOR EACH ROW WHEN (((old.erased_at IS NULL) AND (new.erased_at IS NOT NULL))) EXECUTE FUNCTION panoh_shred_notes_of_erased_person();
CREATE TRIGGER person_erased_shreds_task_titles AFTER UPDATE OF erased_at ON public.person FOR EACH ROW WHEN (((old.erased_at IS NULL) AND (new.erased_at IS NOT NULL))) EXECUTE FUNCTION panoh_shred_task_titles_of_erased_person();
CREATE TRIGGER person_moves_search_tokens AFTER UPDATE OF organisation_id ON public.person FOR EACH ROW WHEN ((old.organisation_id IS DISTINCT FROM new.organisation_id)) EXECUTE FUNCTION panoh_move_search_tokens();
GRANT INSERT, SELECT, UPDATE ON TABLE person TO panoh_service;
GRANT SELECT ON TABLE person TO panoh_backup;

CREATE TABLE person_blind_index (
  person_id uuid NOT NULL,
  index_name text NOT NULL,
  value bytea NOT NULL
);
ALTER TABLE person_blind_index ADD CONSTRAINT person_blind_index_index_name_check CHECK ((index_name = ANY (ARRAY['document_number'::text, 'name_birth_year'::text])));
ALTER TABLE person_blind_index ADD CONSTRAINT person_blind_index_person_id_fkey FOREIGN KEY (person_id) REFERENCES person(id);
ALTER TABLE person_blind_index ADD CONSTRAINT person_blind_index_pkey PRIMARY KEY (person_id, index_name, value);
ALTER TABLE person_blind_index ADD CONSTRAINT person_blind_index_value_check CHECK (((length(value) >= 1) AND (length(value) <= 32)));
CREATE INDEX person_blind_index_lookup_idx ON public.person_blind_index USING btree (index_name, value);
ALTER TABLE person_blind_index ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_blind_index FORCE ROW LEVEL SECURITY;
CREATE POLICY person_blind_index_duplicate_check ON person_blind_index FOR SELECT TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'duplicate_check'::text));
CREATE POLICY person_blind_index_own ON person_blind_index FOR ALL TO panoh_service
  USING ((EXISTS ( SELECT 1
   FROM person p
  WHERE ((p.id = person_blind_index.person_id) AND (p.organisation_id = panoh_caller_organisation())))))
  WITH CHECK ((EXISTS ( SELECT 1
   FROM person p
  WHERE ((p.id = person_blind_index.person_id) AND (p.organisation_id = panoh_caller_organisation())))));
CREATE POLICY person_blind_index_reindex ON person_blind_index FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'search_reindex'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'search_reindex'::text));
GRANT DELETE, INSERT, SELECT ON TABLE person_blind_index TO panoh_service;
GRANT SELECT ON TABLE person_blind_index TO panoh_backup;

CREATE TABLE person_search_token (
  organisation_id uuid NOT NULL,
  token bytea NOT NULL,
  person_id uuid NOT NULL,
  field text NOT NULL
);
ALTER TABLE person_search_token ADD CONSTRAINT person_search_token_field_check CHECK ((field = ANY (ARRAY['name'::text, 'phone'::text, 'document'::text])));
ALTER TABLE person_search_token ADD CONSTRAINT person_search_token_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation(id);
ALTER TABLE person_search_token ADD CONSTRAINT person_search_token_person_id_fkey FOREIGN KEY (person_id) REFERENCES person(id) ON DELETE CASCADE;
ALTER TABLE person_search_token ADD CONSTRAINT person_search_token_pkey PRIMARY KEY (organisation_id, token, person_id, field);
ALTER TABLE person_search_token ADD CONSTRAINT person_search_token_token_check CHECK (((length(token) >= 1) AND (length(token) <= 32)));
CREATE INDEX person_search_token_person_idx ON public.person_search_token USING btree (person_id, token);
ALTER TABLE person_search_token ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_search_token FORCE ROW LEVEL SECURITY;
CREATE POLICY person_search_token_delete ON person_search_token FOR DELETE TO panoh_service
  USING ((organisation_id = panoh_caller_organisation()));
CREATE POLICY person_search_token_insert ON person_search_token FOR INSERT TO panoh_service
  WITH CHECK (((organisation_id = panoh_caller_organisation()) AND (EXISTS ( SELECT 1
   FROM person p
  WHERE ((p.id = person_search_token.person_id) AND (p.organisation_id = p.organisation_id))))));
CREATE POLICY person_search_token_read ON person_search_token FOR SELECT TO panoh_service
  USING (((organisation_id = panoh_caller_organisation()) OR panoh_person_shared_with_caller(person_id)));
CREATE POLICY person_search_token_referral_acceptance ON person_search_token FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
CREATE POLICY person_search_token_reindex ON person_search_token FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'search_reindex'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'search_reindex'::text));
GRANT DELETE, INSERT, SELECT ON TABLE person_search_token TO panoh_service;
GRANT SELECT ON TABLE person_search_token TO panoh_backup;

CREATE TABLE proceeding (
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  owner_organisation_id uuid NOT NULL,
  recorded_by_organisation_id uuid NOT NULL,
  kind text NOT NULL,
  opened_on date NOT NULL,
  closed_on date,
  outcome text,
  perpetrator_ids uuid[] DEFAULT '{}'::uuid[] NOT NULL,
  reference_number bytea,
  notes bytea,
  created_by uuid NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_by uuid NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  version integer DEFAULT 1 NOT NULL
);
ALTER TABLE proceeding ADD CONSTRAINT proceeding_case_id_fkey FOREIGN KEY (case_id) REFERENCES victim_case(id);
ALTER TABLE proceeding ADD CONSTRAINT proceeding_check CHECK ((closed_on >= opened_on));
ALTER TABLE proceeding ADD CONSTRAINT proceeding_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id);
ALTER TABLE proceeding ADD CONSTRAINT proceeding_kind_check CHECK ((kind = ANY (ARRAY['investigation'::text, 'prosecution'::text, 'trial'::text, 'verdict'::text])));
ALTER TABLE proceeding ADD CONSTRAINT proceeding_outcome_check CHECK ((outcome = ANY (ARRAY['charged'::text, 'discontinued'::text, 'indicted'::text, 'convicted'::text, 'acquitted'::text, 'appealed'::text, 'other'::text])));
ALTER TABLE proceeding ADD CONSTRAINT proceeding_owner_organisation_id_fkey FOREIGN KEY (owner_organisation_id) REFERENCES organisation(id);
ALTER TABLE proceeding ADD CONSTRAINT proceeding_pkey PRIMARY KEY (id);
ALTER TABLE proceeding ADD CONSTRAINT proceeding_recorded_by_organisation_id_fkey FOREIGN KEY (recorded_by_organisation_id) REFERENCES organisation(id);
ALTER TABLE proceeding ADD CONSTRAINT proceeding_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES app_user(id);
ALTER TABLE proceeding ADD CONSTRAINT proceeding_version_check CHECK ((version > 0));
CREATE INDEX proceeding_case_idx ON public.proceeding USING btree (case_id, opened_on, id);
ALTER TABLE proceeding ENABLE ROW LEVEL SECURITY;
ALTER TABLE proceeding FORCE ROW LEVEL SECURITY;
CREATE POLICY proceeding_insert ON proceeding FOR INSERT TO panoh_service
  WITH CHECK (((panoh_caller_role() = 'investigator'::text) AND panoh_case_shared_with_caller_as(case_id, 'investigation'::text) AND panoh_case_owned_by(case_id, owner_organisation_id) AND (recorded_by_organisation_id = panoh_caller_organisation())));
CREATE POLICY proceeding_read ON proceeding FOR SELECT TO panoh_service
  USING ((((panoh_caller_role() = 'investigator'::text) AND panoh_case_shared_with_caller_as(case_id, 'investigation'::text)) OR ((panoh_caller_role() = 'org_manager'::text) AND (owner_organisation_id = panoh_caller_organisation()))));
CREATE POLICY proceeding_referral_acceptance ON proceeding FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
CREATE POLICY proceeding_update ON proceeding FOR UPDATE TO panoh_service
  USING (((panoh_caller_role() = 'investigator'::text) AND panoh_case_shared_with_caller_as(case_id, 'investigation'::text) AND panoh_case_owned_by(case_id, owner_organisation_id)))
  WITH CHECK (((panoh_caller_role() = 'investigator'::text) AND panoh_case_shared_with_caller_as(case_id, 'investigation'::text) AND panoh_case_owned_by(case_id, owner_organisation_id)));
GRANT INSERT, SELECT, UPDATE ON TABLE proceeding TO panoh_service;
GRANT SELECT ON TABLE proceeding TO panoh_backup;

CREATE TABLE recovery_code (
  user_id uuid NOT NULL,
  code_hash bytea NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  used_at timestamp with time zone
);
ALTER TABLE recovery_code ADD CONSTRAINT recovery_code_code_hash_check CHECK ((length(code_hash) = 32));
ALTER TABLE recovery_code ADD CONSTRAINT recovery_code_pkey PRIMARY KEY (user_id, code_hash);
ALTER TABLE recovery_code ADD CONSTRAINT recovery_code_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id);
ALTER TABLE recovery_code ENABLE ROW LEVEL SECURITY;
ALTER TABLE recovery_code FORCE ROW LEVEL SECURITY;
CREATE POLICY recovery_code_own ON recovery_code FOR ALL TO panoh_service
  USING ((user_id = panoh_caller_user()))
  WITH CHECK ((user_id = panoh_caller_user()));
CREATE POLICY recovery_code_second_factor_reset ON recovery_code FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'second_factor_reset'::text));
GRANT DELETE, INSERT, SELECT ON TABLE recovery_code TO panoh_service;
GRANT SELECT ON TABLE recovery_code TO panoh_backup;
GRANT UPDATE (used_at) ON TABLE recovery_code TO panoh_service;

CREATE TABLE referral (
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  from_organisation_id uuid NOT NULL,
  to_organisation_id uuid NOT NULL,
  purpose text NOT NULL,
  consent_id uuid NOT NULL,
  data_key_id uuid,
  message bytea,
  status text NOT NULL,
  due_at timestamp with time zone NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamp with time zone NOT NULL,
  decided_by uuid,
  decided_at timestamp with time zone,
  decline_reason bytea,
  withdrawn_by uuid,
  withdrawn_at timestamp with time zone,
  share_id uuid,
  version integer DEFAULT 1 NOT NULL,
  to_organisation_kind text GENERATED ALWAYS AS ('service'::text) STORED NOT NULL
);
ALTER TABLE referral ADD CONSTRAINT referral_case_id_fkey FOREIGN KEY (case_id) REFERENCES victim_case(id);
ALTER TABLE referral ADD CONSTRAINT referral_consent_id_fkey FOREIGN KEY (consent_id) REFERENCES consent(id);
ALTER TABLE referral ADD CONSTRAINT referral_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id);
ALTER TABLE referral ADD CONSTRAINT referral_data_key_id_fkey FOREIGN KEY (data_key_id) REFERENCES data_key(id);
ALTER TABLE referral ADD CONSTRAINT referral_decided CHECK (((status = ANY (ARRAY['accepted'::text, 'declined'::text])) = (decided_at IS NOT NULL)));
ALTER TABLE referral ADD CONSTRAINT referral_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES app_user(id);
ALTER TABLE referral ADD CONSTRAINT referral_declined CHECK (((status = 'declined'::text) = (decline_reason IS NOT NULL)));
ALTER TABLE referral ADD CONSTRAINT referral_from_organisation_id_fkey FOREIGN KEY (from_organisation_id) REFERENCES organisation(id);
ALTER TABLE referral ADD CONSTRAINT referral_other_organisation CHECK ((from_organisation_id <> to_organisation_id));
ALTER TABLE referral ADD CONSTRAINT referral_pkey PRIMARY KEY (id);
ALTER TABLE referral ADD CONSTRAINT referral_purpose_check CHECK ((purpose = ANY (ARRAY['shelter'::text, 'medical'::text, 'psychosocial'::text, 'legal'::text, 'livelihood'::text, 'return'::text, 'law_enforcement'::text, 'transfer'::text])));
ALTER TABLE referral ADD CONSTRAINT referral_share_id_fkey FOREIGN KEY (share_id) REFERENCES case_share(id);
ALTER TABLE referral ADD CONSTRAINT referral_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'accepted'::text, 'declined'::text, 'withdrawn'::text])));
ALTER TABLE referral ADD CONSTRAINT referral_to_organisation_id_fkey FOREIGN KEY (to_organisation_id) REFERENCES organisation(id);
ALTER TABLE referral ADD CONSTRAINT referral_to_service FOREIGN KEY (to_organisation_id, to_organisation_kind) REFERENCES organisation(id, kind);
ALTER TABLE referral ADD CONSTRAINT referral_version_check CHECK ((version > 0));
ALTER TABLE referral ADD CONSTRAINT referral_withdrawn CHECK (((status = 'withdrawn'::text) = (withdrawn_at IS NOT NULL)));
ALTER TABLE referral ADD CONSTRAINT referral_withdrawn_by_fkey FOREIGN KEY (withdrawn_by) REFERENCES app_user(id);
CREATE INDEX referral_case_idx ON public.referral USING btree (case_id);
CREATE INDEX referral_consent_idx ON public.referral USING btree (consent_id);
CREATE INDEX referral_inbox_idx ON public.referral USING btree (to_organisation_id, status, created_at);
CREATE UNIQUE INDEX referral_one_pending_transfer ON public.referral USING btree (case_id) WHERE ((purpose = 'transfer'::text) AND (status = 'pending'::text));
CREATE INDEX referral_outbox_idx ON public.referral USING btree (from_organisation_id, status, created_at);
ALTER TABLE referral ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral FORCE ROW LEVEL SECURITY;
CREATE POLICY referral_insert ON referral FOR INSERT TO panoh_service
  WITH CHECK (((from_organisation_id = panoh_caller_organisation()) AND panoh_case_owned_by_caller(case_id) AND (EXISTS ( SELECT 1
   FROM consent k
  WHERE ((k.id = referral.consent_id) AND (k.case_id = referral.case_id))))));
CREATE POLICY referral_read ON referral FOR SELECT TO panoh_service
  USING (((from_organisation_id = panoh_caller_organisation()) OR (to_organisation_id = panoh_caller_organisation())));
CREATE POLICY referral_referral_acceptance ON referral FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
CREATE POLICY referral_referral_lock ON referral FOR UPDATE TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_lock'::text))
  WITH CHECK (false);
CREATE POLICY referral_referral_lock_read ON referral FOR SELECT TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_lock'::text));
CREATE POLICY referral_statistics ON referral FOR SELECT TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'statistics'::text));
CREATE POLICY referral_task_job ON referral FOR SELECT TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'task_job'::text));
CREATE POLICY referral_update ON referral FOR UPDATE TO panoh_service
  USING (((from_organisation_id = panoh_caller_organisation()) OR (to_organisation_id = panoh_caller_organisation())))
  WITH CHECK (((from_organisation_id = panoh_caller_organisation()) OR (to_organisation_id = panoh_caller_organisation())));
CREATE TRIGGER referral_status_guard BEFORE UPDATE ON public.referral FOR EACH ROW EXECUTE FUNCTION panoh_referral_status_guard();
GRANT INSERT, SELECT ON TABLE referral TO panoh_service;
GRANT SELECT ON TABLE referral TO panoh_backup;
GRANT UPDATE (status, decided_by, decided_at, decline_reason, withdrawn_by, withdrawn_at, version) ON TABLE referral TO panoh_service;

CREATE TABLE schema_migration (
  id integer DEFAULT nextval('schema_migration_id_seq'::regclass) NOT NULL,
  timestamp bigint NOT NULL,
  name character varying NOT NULL
);
ALTER TABLE schema_migration ADD CONSTRAINT PK_0edff5015b71cc0389ae0f4b9a1 PRIMARY KEY (id);
GRANT SELECT ON TABLE schema_migration TO panoh_backup;
GRANT SELECT ON TABLE schema_migration TO panoh_service;

CREATE TABLE screening (
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  owner_organisation_id uuid NOT NULL,
  indicator_list text NOT NULL,
  indicator_list_version text NOT NULL,
  indicators text[] NOT NULL,
  result text NOT NULL,
  screened_by uuid NOT NULL,
  screened_at timestamp with time zone NOT NULL
);
ALTER TABLE screening ADD CONSTRAINT screening_case_id_fkey FOREIGN KEY (case_id) REFERENCES victim_case(id);
ALTER TABLE screening ADD CONSTRAINT screening_indicator_list_check CHECK ((indicator_list ~ '^[a-z0-9_-]{1,40}$'::text));
ALTER TABLE screening ADD CONSTRAINT screening_indicator_list_version_check CHECK ((indicator_list_version ~ '^[0-9a-z.-]{1,20}$'::text));
ALTER TABLE screening ADD CONSTRAINT screening_owner_organisation_id_fkey FOREIGN KEY (owner_organisation_id) REFERENCES organisation(id);
ALTER TABLE screening ADD CONSTRAINT screening_pkey PRIMARY KEY (id);
ALTER TABLE screening ADD CONSTRAINT screening_result_check CHECK ((result = ANY (ARRAY['indicators_present'::text, 'no_indicators'::text, 'inconclusive'::text])));
ALTER TABLE screening ADD CONSTRAINT screening_screened_by_fkey FOREIGN KEY (screened_by) REFERENCES app_user(id);
CREATE INDEX screening_case_idx ON public.screening USING btree (case_id, screened_at);
ALTER TABLE screening ENABLE ROW LEVEL SECURITY;
ALTER TABLE screening FORCE ROW LEVEL SECURITY;
CREATE POLICY screening_insert ON screening FOR INSERT TO panoh_service
  WITH CHECK (((owner_organisation_id = panoh_caller_organisation()) AND panoh_case_owned_by_caller(case_id)));
CREATE POLICY screening_read ON screening FOR SELECT TO panoh_service
  USING ((owner_organisation_id = panoh_caller_organisation()));
CREATE POLICY screening_referral_acceptance ON screening FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
GRANT INSERT, SELECT ON TABLE screening TO panoh_service;
GRANT SELECT ON TABLE screening TO panoh_backup;

CREATE TABLE stage_change (
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  owner_organisation_id uuid NOT NULL,
  kind text NOT NULL,
  from_stage text NOT NULL,
  to_stage text NOT NULL,
  trafficking_status text,
  status_decided_by text,
  deciding_organisation_id uuid,
  reflection_waived boolean DEFAULT false NOT NULL,
  from_organisation_id uuid,
  to_organisation_id uuid,
  reason bytea,
  reason_code text,
  changed_by uuid NOT NULL,
  changed_by_organisation_id uuid NOT NULL,
  changed_by_role text NOT NULL,
  changed_at timestamp with time zone NOT NULL
);
ALTER TABLE stage_change ADD CONSTRAINT stage_change_case_id_fkey FOREIGN KEY (case_id) REFERENCES victim_case(id);
ALTER TABLE stage_change ADD CONSTRAINT stage_change_changed_by_fkey FOREIGN KEY (changed_by) REFERENCES app_user(id);
ALTER TABLE stage_change ADD CONSTRAINT stage_change_changed_by_organisation_id_fkey FOREIGN KEY (changed_by_organisation_id) REFERENCES organisation(id);
ALTER TABLE stage_change ADD CONSTRAINT stage_change_deciding_organisation_id_fkey FOREIGN KEY (deciding_organisation_id) REFERENCES organisation(id);
ALTER TABLE stage_change ADD CONSTRAINT stage_change_from_organisation_id_fkey FOREIGN KEY (from_organisation_id) REFERENCES organisation(id);
ALTER TABLE stage_change ADD CONSTRAINT stage_change_kind_check CHECK ((kind = ANY (ARRAY['stage'::text, 'transfer'::text])));
ALTER TABLE stage_change ADD CONSTRAINT stage_change_owner_organisation_id_fkey FOREIGN KEY (owner_organisation_id) REFERENCES organisation(id);
ALTER TABLE stage_change ADD CONSTRAINT stage_change_pkey PRIMARY KEY (id);
ALTER TABLE stage_change ADD CONSTRAINT stage_change_reason_code_check CHECK ((reason_code ~ '^[a-z_]{1,40}$'::text));
ALTER TABLE stage_change ADD CONSTRAINT stage_change_to_organisation_id_fkey FOREIGN KEY (to_organisation_id) REFERENCES organisation(id);
ALTER TABLE stage_change ADD CONSTRAINT stage_change_transfer CHECK (((kind = 'transfer'::text) = (to_organisation_id IS NOT NULL)));
CREATE INDEX stage_change_case_idx ON public.stage_change USING btree (case_id, changed_at, id);
ALTER TABLE stage_change ENABLE ROW LEVEL SECURITY;
ALTER TABLE stage_change FORCE ROW LEVEL SECURITY;
CREATE POLICY stage_change_insert ON stage_change FOR INSERT TO panoh_service
  WITH CHECK (((owner_organisation_id = panoh_caller_organisation()) AND panoh_case_owned_by_caller(case_id)));
CREATE POLICY stage_change_read ON stage_change FOR SELECT TO panoh_service
  USING ((owner_organisation_id = panoh_caller_organisation()));
CREATE POLICY stage_change_referral_acceptance ON stage_change FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
GRANT INSERT, SELECT ON TABLE stage_change TO panoh_service;
GRANT SELECT ON TABLE stage_change TO panoh_backup;

CREATE TABLE statistics_release (
  id uuid NOT NULL,
  period text NOT NULL,
  version integer NOT NULL,
  method text NOT NULL,
  generated_at timestamp with time zone NOT NULL,
  published_by uuid,
  body jsonb NOT NULL,
  recoding jsonb NOT NULL,
  tables_csv text NOT NULL,
  ctdc_csv text NOT NULL,
  signature text NOT NULL,
  public_key text NOT NULL
);
ALTER TABLE statistics_release ADD CONSTRAINT statistics_release_method_check CHECK ((method = ANY (ARRAY['suppression'::text, 'dp'::text])));
ALTER TABLE statistics_release ADD CONSTRAINT statistics_release_period_check CHECK ((period ~ '^[0-9]{4}(-Q[1-4])?$'::text));
ALTER TABLE statistics_release ADD CONSTRAINT statistics_release_period_version_key UNIQUE (period, version);
ALTER TABLE statistics_release ADD CONSTRAINT statistics_release_pkey PRIMARY KEY (id);
ALTER TABLE statistics_release ADD CONSTRAINT statistics_release_published_by_fkey FOREIGN KEY (published_by) REFERENCES app_user(id);
ALTER TABLE statistics_release ADD CONSTRAINT statistics_release_version_check CHECK ((version >= 1));
ALTER TABLE statistics_release ENABLE ROW LEVEL SECURITY;
ALTER TABLE statistics_release FORCE ROW LEVEL SECURITY;
CREATE POLICY statistics_release_publish ON statistics_release FOR INSERT TO owner, panoh_service
  WITH CHECK ((panoh_caller_role() = 'admin'::text));
CREATE POLICY statistics_release_read ON statistics_release FOR SELECT TO owner, panoh_service
  USING ((panoh_caller_role() = ANY (ARRAY['commission'::text, 'admin'::text])));
CREATE TRIGGER statistics_release_immutable BEFORE DELETE OR UPDATE ON public.statistics_release FOR EACH ROW EXECUTE FUNCTION panoh_statistics_release_immutable();
CREATE TRIGGER statistics_release_no_truncate BEFORE TRUNCATE ON public.statistics_release FOR EACH STATEMENT EXECUTE FUNCTION panoh_statistics_release_immutable();
GRANT INSERT, SELECT ON TABLE statistics_release TO panoh_service;
GRANT SELECT ON TABLE statistics_release TO panoh_backup;

CREATE TABLE statistics_release_request (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  release_id uuid NOT NULL,
  organisation_id uuid NOT NULL,
  user_id uuid NOT NULL,
  month date NOT NULL,
  dimensions text[] NOT NULL,
  outcome text NOT NULL,
  published jsonb,
  created_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
ALTER TABLE statistics_release_request ADD CONSTRAINT statistics_release_request_check CHECK (((outcome = 'published'::text) = (published IS NOT NULL)));
ALTER TABLE statistics_release_request ADD CONSTRAINT statistics_release_request_dimensions_check CHECK (((cardinality(dimensions) >= 1) AND (cardinality(dimensions) <= 3)));
ALTER TABLE statistics_release_request ADD CONSTRAINT statistics_release_request_month_check CHECK ((EXTRACT(day FROM month) = (1)::numeric));
ALTER TABLE statistics_release_request ADD CONSTRAINT statistics_release_request_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation(id);
ALTER TABLE statistics_release_request ADD CONSTRAINT statistics_release_request_outcome_check CHECK ((outcome = ANY (ARRAY['published'::text, 'cyclic'::text, 'too-detailed'::text, 'unprotectable'::text, 'dp-mode'::text])));
ALTER TABLE statistics_release_request ADD CONSTRAINT statistics_release_request_pkey PRIMARY KEY (id);
ALTER TABLE statistics_release_request ADD CONSTRAINT statistics_release_request_release_id_fkey FOREIGN KEY (release_id) REFERENCES statistics_release(id);
ALTER TABLE statistics_release_request ADD CONSTRAINT statistics_release_request_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id);
CREATE INDEX statistics_release_request_month ON public.statistics_release_request USING btree (organisation_id, month);
CREATE INDEX statistics_release_request_release ON public.statistics_release_request USING btree (release_id, created_at);
ALTER TABLE statistics_release_request ENABLE ROW LEVEL SECURITY;
ALTER TABLE statistics_release_request FORCE ROW LEVEL SECURITY;
CREATE POLICY statistics_release_request_read ON statistics_release_request FOR SELECT TO owner, panoh_service
  USING ((panoh_caller_role() = ANY (ARRAY['commission'::text, 'admin'::text])));
CREATE POLICY statistics_release_request_write ON statistics_release_request FOR INSERT TO panoh_service
  WITH CHECK (((panoh_caller_role() = 'commission'::text) AND (organisation_id = panoh_caller_organisation()) AND (user_id = (NULLIF(current_setting('panoh.user_id'::text, true), ''::text))::uuid)));
CREATE TRIGGER statistics_release_request_immutable BEFORE DELETE OR UPDATE ON public.statistics_release_request FOR EACH ROW EXECUTE FUNCTION panoh_statistics_release_immutable();
CREATE TRIGGER statistics_release_request_no_truncate BEFORE TRUNCATE ON public.statistics_release_request FOR EACH STATEMENT EXECUTE FUNCTION panoh_statistics_release_immutable();
GRANT INSERT, SELECT ON TABLE statistics_release_request TO panoh_service;
GRANT SELECT ON TABLE statistics_release_request TO panoh_backup;

CREATE TABLE statistics_release_snapshot (
  release_id uuid NOT NULL,
  records jsonb NOT NULL
);
ALTER TABLE statistics_release_snapshot ADD CONSTRAINT statistics_release_snapshot_pkey PRIMARY KEY (release_id);
ALTER TABLE statistics_release_snapshot ADD CONSTRAINT statistics_release_snapshot_records_check CHECK ((jsonb_typeof(records) = 'array'::text));
ALTER TABLE statistics_release_snapshot ADD CONSTRAINT statistics_release_snapshot_release_id_fkey FOREIGN KEY (release_id) REFERENCES statistics_release(id);
ALTER TABLE statistics_release_snapshot ENABLE ROW LEVEL SECURITY;
ALTER TABLE statistics_release_snapshot FORCE ROW LEVEL SECURITY;
CREATE POLICY statistics_release_snapshot_definer ON statistics_release_snapshot FOR SELECT TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'statistics'::text));
CREATE POLICY statistics_release_snapshot_publish ON statistics_release_snapshot FOR INSERT TO owner, panoh_service
  WITH CHECK ((panoh_caller_role() = 'admin'::text));
CREATE TRIGGER statistics_release_snapshot_immutable BEFORE DELETE OR UPDATE ON public.statistics_release_snapshot FOR EACH ROW EXECUTE FUNCTION panoh_statistics_release_immutable();
CREATE TRIGGER statistics_release_snapshot_no_truncate BEFORE TRUNCATE ON public.statistics_release_snapshot FOR EACH STATEMENT EXECUTE FUNCTION panoh_statistics_release_immutable();
GRANT INSERT ON TABLE statistics_release_snapshot TO panoh_service;
GRANT SELECT ON TABLE statistics_release_snapshot TO panoh_backup;

CREATE TABLE task (
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  owner_organisation_id uuid NOT NULL,
  kind text NOT NULL,
  subject_id uuid,
  subject_key text NOT NULL,
  due_on date NOT NULL,
  title bytea,
  assignee_user_id uuid NOT NULL,
  done_at timestamp with time zone,
  done_by uuid,
  closed_reason text,
  overdue_notified_at timestamp with time zone,
  created_by uuid,
  created_at timestamp with time zone DEFAULT now() NOT NULL
);
ALTER TABLE task ADD CONSTRAINT task_assignee_user_id_owner_organisation_id_fkey FOREIGN KEY (assignee_user_id, owner_organisation_id) REFERENCES app_user(id, organisation_id);
ALTER TABLE task ADD CONSTRAINT task_case_id_fkey FOREIGN KEY (case_id) REFERENCES victim_case(id);
ALTER TABLE task ADD CONSTRAINT task_case_id_kind_subject_key_due_on_key UNIQUE (case_id, kind, subject_key, due_on);
ALTER TABLE task ADD CONSTRAINT task_check CHECK (((done_at IS NULL) = (closed_reason IS NULL)));
ALTER TABLE task ADD CONSTRAINT task_check1 CHECK (((kind = 'manual'::text) OR (title IS NULL)));
ALTER TABLE task ADD CONSTRAINT task_check2 CHECK (((kind = 'manual'::text) = (created_by IS NOT NULL)));
ALTER TABLE task ADD CONSTRAINT task_closed_reason_check CHECK ((closed_reason = ANY (ARRAY['done'::text, 'condition_met'::text])));
ALTER TABLE task ADD CONSTRAINT task_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id);
ALTER TABLE task ADD CONSTRAINT task_done_by_fkey FOREIGN KEY (done_by) REFERENCES app_user(id);
ALTER TABLE task ADD CONSTRAINT task_kind_check CHECK ((kind = ANY (ARRAY['reflection_ending'::text, 'status_decision'::text, 'service_ending'::text, 'follow_up_visit'::text, 'referral_answer'::text, 'manual'::text])));
ALTER TABLE task ADD CONSTRAINT task_owner_organisation_id_fkey FOREIGN KEY (owner_organisation_id) REFERENCES organisation(id);
ALTER TABLE task ADD CONSTRAINT task_pkey PRIMARY KEY (id);
ALTER TABLE task ADD CONSTRAINT task_subject_key_check CHECK ((length(subject_key) <= 80));
CREATE INDEX task_assignee_open_idx ON public.task USING btree (assignee_user_id, due_on) WHERE (done_at IS NULL);
CREATE INDEX task_case_idx ON public.task USING btree (case_id, due_on);
CREATE INDEX task_organisation_open_idx ON public.task USING btree (owner_organisation_id, due_on) WHERE (done_at IS NULL);
ALTER TABLE task ENABLE ROW LEVEL SECURITY;
ALTER TABLE task FORCE ROW LEVEL SECURITY;
CREATE POLICY task_insert ON task FOR INSERT TO panoh_service
  WITH CHECK (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation()) AND panoh_case_owned_by(case_id, owner_organisation_id)));
CREATE POLICY task_read ON task FOR SELECT TO panoh_service
  USING (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation())));
CREATE POLICY task_referral_acceptance ON task FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
CREATE POLICY task_task_job ON task FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'task_job'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'task_job'::text));
CREATE POLICY task_update ON task FOR UPDATE TO panoh_service
  USING (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation())))
  WITH CHECK (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation())));
CREATE TRIGGER task_follows_transfer BEFORE UPDATE OF owner_organisation_id ON public.task FOR EACH ROW EXECUTE FUNCTION panoh_task_follows_transfer();
GRANT INSERT, SELECT ON TABLE task TO panoh_service;
GRANT SELECT ON TABLE task TO panoh_backup;
GRANT UPDATE (due_on, title, assignee_user_id, done_at, done_by, closed_reason) ON TABLE task TO panoh_service;

CREATE TABLE trafficking_event (
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  owner_organisation_id uuid NOT NULL,
  type text NOT NULL,
  occurred_on text,
  country text,
  city bytea,
  created_by uuid NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  version integer DEFAULT 1 NOT NULL,
  updated_by uuid,
  updated_at timestamp with time zone,
  removed_by uuid,
  removed_at timestamp with time zone,
  description bytea
);
ALTER TABLE trafficking_event ADD CONSTRAINT trafficking_event_case_id_fkey FOREIGN KEY (case_id) REFERENCES victim_case(id);
ALTER TABLE trafficking_event ADD CONSTRAINT trafficking_event_country_check CHECK ((country ~ '^[A-Z]{3}$'::text));
ALTER TABLE trafficking_event ADD CONSTRAINT trafficking_event_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id);
ALTER TABLE trafficking_event ADD CONSTRAINT trafficking_event_occurred_on_check CHECK ((occurred_on ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'::text));
ALTER TABLE trafficking_event ADD CONSTRAINT trafficking_event_owner_organisation_id_fkey FOREIGN KEY (owner_organisation_id) REFERENCES organisation(id);
ALTER TABLE trafficking_event ADD CONSTRAINT trafficking_event_pkey PRIMARY KEY (id);
ALTER TABLE trafficking_event ADD CONSTRAINT trafficking_event_removal CHECK (((removed_at IS NULL) = (removed_by IS NULL)));
ALTER TABLE trafficking_event ADD CONSTRAINT trafficking_event_removed_by_fkey FOREIGN KEY (removed_by) REFERENCES app_user(id);
ALTER TABLE trafficking_event ADD CONSTRAINT trafficking_event_type_check CHECK ((type = ANY (ARRAY['Recruitment'::text, 'Transit'::text, 'Exploitation'::text])));
ALTER TABLE trafficking_event ADD CONSTRAINT trafficking_event_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES app_user(id);
ALTER TABLE trafficking_event ADD CONSTRAINT trafficking_event_version_check CHECK ((version > 0));
CREATE INDEX trafficking_event_case_idx ON public.trafficking_event USING btree (case_id);
ALTER TABLE trafficking_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE trafficking_event FORCE ROW LEVEL SECURITY;
CREATE POLICY trafficking_event_insert ON trafficking_event FOR INSERT TO panoh_service
  WITH CHECK (((owner_organisation_id = panoh_caller_organisation()) AND panoh_case_owned_by_caller(case_id)));
CREATE POLICY trafficking_event_read ON trafficking_event FOR SELECT TO panoh_service
  USING (((owner_organisation_id = panoh_caller_organisation()) OR panoh_case_shared_with_caller(case_id)));
CREATE POLICY trafficking_event_referral_acceptance ON trafficking_event FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
CREATE POLICY trafficking_event_update ON trafficking_event FOR UPDATE TO panoh_service
  USING (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation()) AND panoh_case_owned_by_caller(case_id)))
  WITH CHECK (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation()) AND panoh_case_owned_by_caller(case_id)));
GRANT INSERT, SELECT ON TABLE trafficking_event TO panoh_service;
GRANT SELECT ON TABLE trafficking_event TO panoh_backup;
GRANT UPDATE (type, occurred_on, country, city, version, updated_by, updated_at, removed_by, removed_at, description) ON TABLE trafficking_event TO panoh_service;

CREATE TABLE trafficking_event_change (
  id uuid NOT NULL,
  event_id uuid NOT NULL,
  case_id uuid NOT NULL,
  owner_organisation_id uuid NOT NULL,
  kind text NOT NULL,
  event_version integer NOT NULL,
  type text NOT NULL,
  occurred_on text,
  country text,
  city bytea,
  reason bytea,
  changed_by uuid NOT NULL,
  changed_at timestamp with time zone DEFAULT now() NOT NULL,
  description bytea
);
ALTER TABLE trafficking_event_change ADD CONSTRAINT trafficking_event_change_case_id_fkey FOREIGN KEY (case_id) REFERENCES victim_case(id);
ALTER TABLE trafficking_event_change ADD CONSTRAINT trafficking_event_change_changed_by_fkey FOREIGN KEY (changed_by) REFERENCES app_user(id);
ALTER TABLE trafficking_event_change ADD CONSTRAINT trafficking_event_change_country_check CHECK ((country ~ '^[A-Z]{3}$'::text));
ALTER TABLE trafficking_event_change ADD CONSTRAINT trafficking_event_change_event_id_event_version_key UNIQUE (event_id, event_version);
ALTER TABLE trafficking_event_change ADD CONSTRAINT trafficking_event_change_event_id_fkey FOREIGN KEY (event_id) REFERENCES trafficking_event(id);
ALTER TABLE trafficking_event_change ADD CONSTRAINT trafficking_event_change_event_version_check CHECK ((event_version > 0));
ALTER TABLE trafficking_event_change ADD CONSTRAINT trafficking_event_change_kind_check CHECK ((kind = ANY (ARRAY['added'::text, 'corrected'::text, 'removed'::text])));
ALTER TABLE trafficking_event_change ADD CONSTRAINT trafficking_event_change_occurred_on_check CHECK ((occurred_on ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'::text));
ALTER TABLE trafficking_event_change ADD CONSTRAINT trafficking_event_change_owner_organisation_id_fkey FOREIGN KEY (owner_organisation_id) REFERENCES organisation(id);
ALTER TABLE trafficking_event_change ADD CONSTRAINT trafficking_event_change_pkey PRIMARY KEY (id);
ALTER TABLE trafficking_event_change ADD CONSTRAINT trafficking_event_change_removal_reason CHECK (((kind <> 'removed'::text) OR (reason IS NOT NULL)));
ALTER TABLE trafficking_event_change ADD CONSTRAINT trafficking_event_change_type_check CHECK ((type = ANY (ARRAY['Recruitment'::text, 'Transit'::text, 'Exploitation'::text])));
CREATE INDEX trafficking_event_change_case_idx ON public.trafficking_event_change USING btree (case_id);
ALTER TABLE trafficking_event_change ENABLE ROW LEVEL SECURITY;
ALTER TABLE trafficking_event_change FORCE ROW LEVEL SECURITY;
CREATE POLICY trafficking_event_change_insert ON trafficking_event_change FOR INSERT TO panoh_service
  WITH CHECK (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation()) AND panoh_case_owned_by_caller(case_id)));
CREATE POLICY trafficking_event_change_read ON trafficking_event_change FOR SELECT TO panoh_service
  USING (((panoh_caller_role() = ANY (ARRAY['caseworker'::text, 'org_manager'::text])) AND (owner_organisation_id = panoh_caller_organisation()) AND panoh_case_owned_by_caller(case_id)));
CREATE POLICY trafficking_event_change_referral_acceptance ON trafficking_event_change FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
GRANT INSERT, SELECT ON TABLE trafficking_event_change TO panoh_service;
GRANT SELECT ON TABLE trafficking_event_change TO panoh_backup;

CREATE TABLE victim_case (
  id uuid NOT NULL,
  reference text NOT NULL,
  organisation_id uuid NOT NULL,
  person_id uuid NOT NULL,
  data_key_id uuid,
  created_by uuid NOT NULL,
  stage text NOT NULL,
  trafficking_status text NOT NULL,
  status_decided_by text,
  status_deciding_organisation_id uuid,
  registered_on date NOT NULL,
  gender text,
  age_band text,
  citizenship text,
  region_of_origin text,
  country_of_exploitation text,
  exploitation_types text[] DEFAULT '{}'::text[] NOT NULL,
  means_of_control text[] DEFAULT '{}'::text[] NOT NULL,
  labour_sector text,
  narrative bytea,
  shelter_location bytea,
  health_notes bytea,
  psychosocial_notes bytea,
  version integer DEFAULT 1 NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  stage_changed_at timestamp with time zone DEFAULT now() NOT NULL,
  statistics_key integer DEFAULT (((('x'::text || substr(md5((gen_random_uuid())::text), 1, 8)))::bit(32))::integer & 2147483647) NOT NULL,
  organisation_kind text GENERATED ALWAYS AS ('service'::text) STORED NOT NULL,
  recruitment_methods text[] DEFAULT '{}'::text[] NOT NULL,
  sex_exploitation_types text[] DEFAULT '{}'::text[] NOT NULL,
  closure_reason text,
  citizenships text[] DEFAULT '{}'::text[] NOT NULL,
  referring_organisation_name bytea,
  referring_organisation_type text,
  incoming_referral_date date,
  incoming_referral_reason text,
  incoming_referral_details bytea,
  accompanying_children smallint,
  accompanying_children_age_bands text[] DEFAULT '{}'::text[] NOT NULL,
  accompanying_dependants smallint,
  support_objectives bytea,
  action_plan bytea,
  owner_user_id uuid NOT NULL
);
ALTER TABLE victim_case ADD CONSTRAINT victim_case_accompanying_children_check CHECK (((accompanying_children >= 0) AND (accompanying_children <= 30)));
ALTER TABLE victim_case ADD CONSTRAINT victim_case_accompanying_dependants_check CHECK (((accompanying_dependants >= 0) AND (accompanying_dependants <= 30)));
ALTER TABLE victim_case ADD CONSTRAINT victim_case_citizenship_check CHECK ((citizenship ~ '^[A-Z]{3}$'::text));
ALTER TABLE victim_case ADD CONSTRAINT victim_case_closure_reason_when_closed CHECK (((closure_reason IS NULL) OR (stage = 'closed'::text)));
ALTER TABLE victim_case ADD CONSTRAINT victim_case_country_of_exploitation_check CHECK ((country_of_exploitation ~ '^[A-Z]{3}$'::text));
ALTER TABLE victim_case ADD CONSTRAINT victim_case_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id);
ALTER TABLE victim_case ADD CONSTRAINT victim_case_data_key_id_fkey FOREIGN KEY (data_key_id) REFERENCES data_key(id);
ALTER TABLE victim_case ADD CONSTRAINT victim_case_data_key_id_key UNIQUE (data_key_id);
ALTER TABLE victim_case ADD CONSTRAINT victim_case_exploitation_types_distinct CHECK (panoh_codes_distinct(exploitation_types));
ALTER TABLE victim_case ADD CONSTRAINT victim_case_held_by_service FOREIGN KEY (organisation_id, organisation_kind) REFERENCES organisation(id, kind);
ALTER TABLE victim_case ADD CONSTRAINT victim_case_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation(id);
ALTER TABLE victim_case ADD CONSTRAINT victim_case_owner_in_organisation FOREIGN KEY (owner_user_id, organisation_id) REFERENCES app_user(id, organisation_id);
ALTER TABLE victim_case ADD CONSTRAINT victim_case_person_id_fkey FOREIGN KEY (person_id) REFERENCES person(id);
ALTER TABLE victim_case ADD CONSTRAINT victim_case_pkey PRIMARY KEY (id);
ALTER TABLE victim_case ADD CONSTRAINT victim_case_reference_check CHECK ((reference ~ '^TJ-[0-9]{4}-[0-9]{5}$'::text));
ALTER TABLE victim_case ADD CONSTRAINT victim_case_reference_key UNIQUE (reference);
ALTER TABLE victim_case ADD CONSTRAINT victim_case_region_of_origin_check CHECK ((region_of_origin ~ '^TJ-[A-Z]{2}$'::text));
ALTER TABLE victim_case ADD CONSTRAINT victim_case_stage_check CHECK ((stage = ANY (ARRAY['identified'::text, 'referred'::text, 'reflection'::text, 'status_decided'::text, 'assistance'::text, 'reintegration'::text, 'follow_up'::text, 'closed'::text])));
ALTER TABLE victim_case ADD CONSTRAINT victim_case_statistics_key_check CHECK ((statistics_key >= 0));
ALTER TABLE victim_case ADD CONSTRAINT victim_case_status_decided CHECK (((status_decided_by IS NULL) = (trafficking_status = 'PossibleVictimOfTrafficking'::text)));
ALTER TABLE victim_case ADD CONSTRAINT victim_case_status_decided_by_check CHECK ((status_decided_by = ANY (ARRAY['Police'::text, 'NGO'::text, 'CourtOrProsecution'::text, 'NonPoliceGovernmentalOrganization'::text, 'Other'::text])));
ALTER TABLE victim_case ADD CONSTRAINT victim_case_status_deciding_organisation_id_fkey FOREIGN KEY (status_deciding_organisation_id) REFERENCES organisation(id);
ALTER TABLE victim_case ADD CONSTRAINT victim_case_trafficking_status_check CHECK ((trafficking_status = ANY (ARRAY['PossibleVictimOfTrafficking'::text, 'ActualVictimOfTrafficking'::text, 'NotAVictimOfTrafficking'::text])));
ALTER TABLE victim_case ADD CONSTRAINT victim_case_version_check CHECK ((version > 0));
CREATE INDEX victim_case_organisation_idx ON public.victim_case USING btree (organisation_id, registered_on DESC, id);
CREATE INDEX victim_case_owner_idx ON public.victim_case USING btree (owner_user_id, registered_on DESC, id);
CREATE INDEX victim_case_person_idx ON public.victim_case USING btree (person_id);
ALTER TABLE victim_case ENABLE ROW LEVEL SECURITY;
ALTER TABLE victim_case FORCE ROW LEVEL SECURITY;
CREATE POLICY victim_case_insert ON victim_case FOR INSERT TO panoh_service
  WITH CHECK (((organisation_id = panoh_caller_organisation()) AND (EXISTS ( SELECT 1
   FROM person p
  WHERE ((p.id = victim_case.person_id) AND (p.organisation_id = panoh_caller_organisation()))))));
CREATE POLICY victim_case_person_holders ON victim_case FOR SELECT TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'person_holders'::text));
CREATE POLICY victim_case_read ON victim_case FOR SELECT TO panoh_service
  USING (((organisation_id = panoh_caller_organisation()) OR panoh_case_shared_with_caller(id)));
CREATE POLICY victim_case_referral_acceptance ON victim_case FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text))
  WITH CHECK ((current_setting('panoh.definer_scope'::text, true) = 'referral_acceptance'::text));
CREATE POLICY victim_case_referral_lock ON victim_case FOR UPDATE TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_lock'::text))
  WITH CHECK (false);
CREATE POLICY victim_case_referral_lock_read ON victim_case FOR SELECT TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'referral_lock'::text));
CREATE POLICY victim_case_statistics ON victim_case FOR SELECT TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'statistics'::text));
CREATE POLICY victim_case_task_job ON victim_case FOR SELECT TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'task_job'::text));
CREATE POLICY victim_case_update ON victim_case FOR UPDATE TO panoh_service
  USING ((organisation_id = panoh_caller_organisation()))
  WITH CHECK ((organisation_id = panoh_caller_organisation()));
CREATE TRIGGER victim_case_citizenships BEFORE INSERT OR UPDATE ON public.victim_case FOR EACH ROW EXECUTE FUNCTION panoh_victim_case_citizenships();
CREATE TRIGGER victim_case_owner_defaults_to_opener BEFORE INSERT ON public.victim_case FOR EACH ROW EXECUTE FUNCTION panoh_case_owner_defaults_to_opener();
CREATE TRIGGER victim_case_owner_follows_transfer BEFORE UPDATE OF organisation_id ON public.victim_case FOR EACH ROW EXECUTE FUNCTION panoh_case_owner_follows_transfer();
GRANT INSERT, SELECT ON TABLE victim_case TO panoh_service;
GRANT SELECT ON TABLE victim_case TO panoh_backup;
GRANT UPDATE (stage, trafficking_status, status_decided_by, status_deciding_organisation_id, gender, age_band, citizenship, region_of_origin, country_of_exploitation, exploitation_types, means_of_control, labour_sector, narrative, shelter_location, health_notes, psychosocial_notes, version, updated_at, stage_changed_at, recruitment_methods, sex_exploitation_types, closure_reason, citizenships, referring_organisation_name, referring_organisation_type, incoming_referral_date, incoming_referral_reason, incoming_referral_details, accompanying_children, accompanying_children_age_bands, accompanying_dependants, support_objectives, action_plan, owner_user_id) ON TABLE victim_case TO panoh_service;

CREATE TABLE webauthn_challenge (
  challenge text NOT NULL,
  user_id uuid NOT NULL,
  expires_at timestamp with time zone NOT NULL,
  used_at timestamp with time zone
);
ALTER TABLE webauthn_challenge ADD CONSTRAINT webauthn_challenge_challenge_check CHECK ((challenge ~ '^[A-Za-z0-9_-]{43}$'::text));
ALTER TABLE webauthn_challenge ADD CONSTRAINT webauthn_challenge_pkey PRIMARY KEY (challenge);
ALTER TABLE webauthn_challenge ADD CONSTRAINT webauthn_challenge_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id);
CREATE INDEX webauthn_challenge_user_idx ON public.webauthn_challenge USING btree (user_id);
ALTER TABLE webauthn_challenge ENABLE ROW LEVEL SECURITY;
ALTER TABLE webauthn_challenge FORCE ROW LEVEL SECURITY;
CREATE POLICY webauthn_challenge_own ON webauthn_challenge FOR ALL TO panoh_service
  USING ((user_id = panoh_caller_user()))
  WITH CHECK ((user_id = panoh_caller_user()));
CREATE POLICY webauthn_challenge_second_factor_reset ON webauthn_challenge FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'second_factor_reset'::text));
GRANT DELETE, INSERT, SELECT ON TABLE webauthn_challenge TO panoh_service;
GRANT SELECT ON TABLE webauthn_challenge TO panoh_backup;
GRANT UPDATE (used_at) ON TABLE webauthn_challenge TO panoh_service;

CREATE TABLE webauthn_credential (
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  credential_id text NOT NULL,
  public_key bytea NOT NULL,
  sign_count bigint NOT NULL,
  transports text[] DEFAULT '{}'::text[] NOT NULL,
  label text NOT NULL,
  backed_up boolean NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  last_used_at timestamp with time zone
);
ALTER TABLE webauthn_credential ADD CONSTRAINT webauthn_credential_credential_id_check CHECK ((((length(credential_id) >= 16) AND (length(credential_id) <= 1366)) AND (credential_id ~ '^[A-Za-z0-9_-]+$'::text)));
ALTER TABLE webauthn_credential ADD CONSTRAINT webauthn_credential_label_check CHECK (((length(label) >= 1) AND (length(label) <= 64)));
ALTER TABLE webauthn_credential ADD CONSTRAINT webauthn_credential_pkey PRIMARY KEY (id);
ALTER TABLE webauthn_credential ADD CONSTRAINT webauthn_credential_public_key_check CHECK (((length(public_key) >= 16) AND (length(public_key) <= 2048)));
ALTER TABLE webauthn_credential ADD CONSTRAINT webauthn_credential_sign_count_check CHECK (((sign_count >= 0) AND (sign_count <= '4294967295'::bigint)));
ALTER TABLE webauthn_credential ADD CONSTRAINT webauthn_credential_transports_check CHECK ((transports <@ ARRAY['ble'::text, 'cable'::text, 'hybrid'::text, 'internal'::text, 'nfc'::text, 'smart-card'::text, 'usb'::text]));
ALTER TABLE webauthn_credential ADD CONSTRAINT webauthn_credential_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id);
CREATE UNIQUE INDEX webauthn_credential_credential_id_key ON public.webauthn_credential USING btree (credential_id);
CREATE INDEX webauthn_credential_user_idx ON public.webauthn_credential USING btree (user_id);
ALTER TABLE webauthn_credential ENABLE ROW LEVEL SECURITY;
ALTER TABLE webauthn_credential FORCE ROW LEVEL SECURITY;
CREATE POLICY webauthn_credential_own ON webauthn_credential FOR ALL TO panoh_service
  USING ((user_id = panoh_caller_user()))
  WITH CHECK ((user_id = panoh_caller_user()));
CREATE POLICY webauthn_credential_second_factor_reset ON webauthn_credential FOR ALL TO owner
  USING ((current_setting('panoh.definer_scope'::text, true) = 'second_factor_reset'::text));
CREATE TRIGGER webauthn_credential_count AFTER INSERT OR DELETE ON public.webauthn_credential FOR EACH ROW EXECUTE FUNCTION webauthn_credential_count();
GRANT DELETE, INSERT, SELECT ON TABLE webauthn_credential TO panoh_service;
GRANT SELECT ON TABLE webauthn_credential TO panoh_backup;
GRANT UPDATE (sign_count, backed_up, last_used_at) ON TABLE webauthn_credential TO panoh_service;

CREATE SEQUENCE audit_event_seq AS bigint START 1 INCREMENT 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1;
GRANT SELECT ON SEQUENCE audit_event_seq TO panoh_backup;
GRANT SELECT, USAGE ON SEQUENCE audit_event_seq TO panoh_service;

CREATE SEQUENCE audit_seal_id_seq AS bigint START 1 INCREMENT 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1 OWNED BY audit_seal.id;
GRANT SELECT ON SEQUENCE audit_seal_id_seq TO panoh_backup;

CREATE SEQUENCE schema_migration_id_seq AS integer START 1 INCREMENT 1 MINVALUE 1 MAXVALUE 2147483647 CACHE 1 OWNED BY schema_migration.id;
GRANT SELECT ON SEQUENCE schema_migration_id_seq TO panoh_backup;

CREATE OR REPLACE FUNCTION public.audit_refuse_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $function$;
GRANT EXECUTE ON FUNCTION audit_refuse_change() TO PUBLIC;

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
GRANT EXECUTE ON FUNCTION panoh_accept_referral(p_referral_id uuid, p_share_id uuid, p_change_id uuid) TO panoh_service;

CREATE OR REPLACE FUNCTION public.panoh_caller_organisation()
 RETURNS uuid
 LANGUAGE sql
 STABLE
AS $function$ SELECT NULLIF(current_setting('panoh.organisation_id', true), '')::uuid $function$;
GRANT EXECUTE ON FUNCTION panoh_caller_organisation() TO PUBLIC;

CREATE OR REPLACE FUNCTION public.panoh_caller_role()
 RETURNS text
 LANGUAGE sql
 STABLE
AS $function$ SELECT NULLIF(current_setting('panoh.role', true), '') $function$;
GRANT EXECUTE ON FUNCTION panoh_caller_role() TO PUBLIC;

CREATE OR REPLACE FUNCTION public.panoh_caller_user()
 RETURNS uuid
 LANGUAGE sql
 STABLE
AS $function$ SELECT NULLIF(current_setting('panoh.user_id', true), '')::uuid $function$;
GRANT EXECUTE ON FUNCTION panoh_caller_user() TO PUBLIC;

CREATE OR REPLACE FUNCTION public.panoh_case_content(case_id uuid, view text)
 RETURNS json
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  result json;
BEGIN
  IF view IS NULL OR view NOT IN ('full', 'referral', 'investigation') THEN
    RETURN NULL;
  END IF;
  SELECT json_build_object(
    'view', view,
    -- Every column but the cell-key method's record key (added by the statistics), which only the
    -- statistics functions read; removing a key that is not there yet changes nothing.
    'case', to_jsonb(c) - 'statistics_key',
    'caseKey', to_json(ck),
    'person', to_json(p),
    'personKey', to_json(pk),
    'consents', CASE WHEN view = 'full' THEN (
      SELECT coalesce(json_agg(k ORDER BY k.given_at, k.id), '[]') FROM consent k WHERE k.case_id = c.id)
      ELSE '[]' END,
    'screenings', CASE WHEN view = 'full' THEN (
      SELECT coalesce(json_agg(s ORDER BY s.screened_at, s.id), '[]') FROM screening s WHERE s.case_id = c.id)
      ELSE '[]' END,
    'events', (
      SELECT coalesce(json_agg(e ORDER BY e.occurred_on NULLS LAST, e.created_at, e.id), '[]')
      FROM trafficking_event e WHERE e.case_id = c.id AND e.removed_at IS NULL))
  INTO result
  FROM victim_case c
  LEFT JOIN data_key ck ON ck.id = c.data_key_id
  LEFT JOIN person p ON p.id = c.person_id
  LEFT JOIN data_key pk ON pk.id = p.data_key_id
  WHERE c.id = panoh_case_content.case_id;
  RETURN result;
END $function$;
GRANT EXECUTE ON FUNCTION panoh_case_content(case_id uuid, view text) TO panoh_service;

CREATE OR REPLACE FUNCTION public.panoh_case_owned_by(case_id uuid, owner uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'public', 'pg_temp'
AS $function$
      BEGIN
        RETURN EXISTS (
          SELECT 1 FROM victim_case c WHERE c.id = panoh_case_owned_by.case_id AND c.organisation_id = owner);
      END $function$;
GRANT EXECUTE ON FUNCTION panoh_case_owned_by(case_id uuid, owner uuid) TO PUBLIC;

CREATE OR REPLACE FUNCTION public.panoh_case_owned_by_caller(case_id uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'public', 'pg_temp'
AS $function$
      BEGIN
        RETURN EXISTS (SELECT 1 FROM victim_case c
                       WHERE c.id = panoh_case_owned_by_caller.case_id
                         AND c.organisation_id = panoh_caller_organisation());
      END $function$;
GRANT EXECUTE ON FUNCTION panoh_case_owned_by_caller(case_id uuid) TO PUBLIC;

CREATE OR REPLACE FUNCTION public.panoh_case_owner_defaults_to_opener()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
  -- A case written without an owner (by a tool or an older writer) is owned by whoever opened it.
  IF NEW.owner_user_id IS NULL THEN
    NEW.owner_user_id := NEW.created_by;
  END IF;
  RETURN NEW;
END $function$;
GRANT EXECUTE ON FUNCTION panoh_case_owner_defaults_to_opener() TO PUBLIC;

CREATE OR REPLACE FUNCTION public.panoh_case_owner_follows_transfer()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
  -- A case that changes organisation (a transfer accepted by the receiving manager) cannot keep an
  -- owner of the organisation that gave it up: the accepting manager owns it until they reassign it.
  -- A change written outside a request (no caller) keeps the owner, so the organisation rules and the
  -- owner's foreign key refuse it for what it is rather than for a missing owner.
  IF NEW.organisation_id IS DISTINCT FROM OLD.organisation_id
     AND NEW.owner_user_id IS NOT DISTINCT FROM OLD.owner_user_id THEN
    NEW.owner_user_id := COALESCE(panoh_caller_user(), OLD.owner_user_id);
  END IF;
  RETURN NEW;
END $function$;
GRANT EXECUTE ON FUNCTION panoh_case_owner_follows_transfer() TO PUBLIC;

CREATE OR REPLACE FUNCTION public.panoh_case_read(case_id uuid, caller_organisation uuid, caller_role text)
 RETURNS json
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        owning uuid;
      BEGIN
        SELECT c.organisation_id INTO owning FROM victim_case c WHERE c.id = panoh_case_read.case_id;
        IF NOT FOUND THEN
          RETURN NULL;
        END IF;
        RETURN panoh_case_content(case_id, panoh_case_view(case_id, owning, caller_organisation, caller_role));
      END $function$;
GRANT EXECUTE ON FUNCTION panoh_case_read(case_id uuid, caller_organisation uuid, caller_role text) TO panoh_service;

CREATE OR REPLACE FUNCTION public.panoh_case_shared_with_caller(case_id uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'public', 'pg_temp'
AS $function$
      BEGIN
        RETURN EXISTS (
          SELECT 1 FROM case_share s
          WHERE s.case_id = panoh_case_shared_with_caller.case_id
            AND s.organisation_id = panoh_caller_organisation()
            AND s.accepted_at IS NOT NULL AND s.revoked_at IS NULL
            AND (s.purpose <> 'law_enforcement' OR EXISTS (
              SELECT 1 FROM consent k
              WHERE k.id = s.consent_id AND k.case_id = s.case_id AND k.purpose = 'law_enforcement_disclosure'
                AND k.withdrawn_at IS NULL)));
      END $function$;
GRANT EXECUTE ON FUNCTION panoh_case_shared_with_caller(case_id uuid) TO PUBLIC;

CREATE OR REPLACE FUNCTION public.panoh_case_shared_with_caller_as(case_id uuid, wanted text)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'public', 'pg_temp'
AS $function$
      BEGIN
        RETURN EXISTS (
          SELECT 1 FROM case_share s
          WHERE s.case_id = panoh_case_shared_with_caller_as.case_id
            AND s.view = wanted
            AND s.organisation_id = panoh_caller_organisation()
            AND s.accepted_at IS NOT NULL AND s.revoked_at IS NULL
            AND (s.purpose <> 'law_enforcement' OR EXISTS (
              SELECT 1 FROM consent k
              WHERE k.id = s.consent_id AND k.purpose = 'law_enforcement_disclosure' AND k.withdrawn_at IS NULL)));
      END $function$;
GRANT EXECUTE ON FUNCTION panoh_case_shared_with_caller_as(case_id uuid, wanted text) TO PUBLIC;

CREATE OR REPLACE FUNCTION public.panoh_case_view(case_id uuid, case_organisation_id uuid, caller_organisation uuid, caller_role text)
 RETURNS text
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        views text[];
      BEGIN
        IF caller_organisation IS NULL OR caller_role IS NULL OR case_organisation_id IS NULL THEN
          RETURN NULL;
        END IF;
        IF case_organisation_id = caller_organisation THEN
          -- The owning organisation: its caseworkers and managers see everything, nobody else there does.
          RETURN CASE WHEN caller_role IN ('caseworker', 'org_manager') THEN 'full' END;
        END IF;
        -- Another organisation: the views of its live shares (accepted, not revoked, and for law
        -- enforcement only while the person's consent to disclosure is not withdrawn).
        SELECT array_agg(s.view) INTO views FROM case_share s
        WHERE s.case_id = panoh_case_view.case_id AND s.organisation_id = caller_organisation
          AND s.accepted_at IS NOT NULL AND s.revoked_at IS NULL
          AND (s.purpose <> 'law_enforcement' OR EXISTS (
            SELECT 1 FROM consent k
            WHERE k.id = s.consent_id AND k.case_id = panoh_case_view.case_id
              AND k.purpose = 'law_enforcement_disclosure' AND k.withdrawn_at IS NULL));
        RETURN CASE
          WHEN caller_role IN ('caseworker', 'org_manager') AND 'referral' = ANY (views) THEN 'referral'
          WHEN caller_role IN ('caseworker', 'org_manager', 'investigator') AND 'investigation' = ANY (views)
            THEN 'investigation'
        END;
      END $function$;
GRANT EXECUTE ON FUNCTION panoh_case_view(case_id uuid, case_organisation_id uuid, caller_organisation uuid, caller_role text) TO panoh_service;

CREATE OR REPLACE FUNCTION public.panoh_codes_distinct(codes text[])
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO 'pg_catalog'
AS $function$ SELECT count(DISTINCT v) = count(*) FROM unnest(codes) AS u(v) $function$;
GRANT EXECUTE ON FUNCTION panoh_codes_distinct(codes text[]) TO PUBLIC;

CREATE OR REPLACE FUNCTION public.panoh_consent_coverage(k consent, referral_case_id uuid, referral_purpose text, recipient_id uuid, recipient_type text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
  SELECT CASE
    WHEN k.withdrawn_at IS NOT NULL THEN 'withdrawn'
    WHEN k.case_id IS DISTINCT FROM referral_case_id THEN 'other_case'
    WHEN referral_purpose = 'law_enforcement' THEN CASE
      WHEN recipient_type IS DISTINCT FROM 'LawEnforcement' THEN 'recipient_not_law_enforcement'
      WHEN k.purpose IS DISTINCT FROM 'law_enforcement_disclosure' THEN 'not_disclosure'
      WHEN k.recipient_organisation_id IS DISTINCT FROM recipient_id AND k.recipient_organisation_id IS NOT NULL
        THEN 'other_unit'
      ELSE 'covered'
    END
    WHEN recipient_type = 'LawEnforcement' OR recipient_type IS NULL
      THEN 'recipient_law_enforcement'
    WHEN k.purpose IS DISTINCT FROM 'referral' THEN 'not_referral'
    WHEN k.recipient_organisation_id IS DISTINCT FROM recipient_id THEN 'other_organisation'
    WHEN (referral_purpose = ANY (k.referral_purposes)) IS NOT TRUE THEN 'purpose_not_listed'
    ELSE 'covered'
  END
$function$;
GRANT EXECUTE ON FUNCTION panoh_consent_coverage(k consent, referral_case_id uuid, referral_purpose text, recipient_id uuid, recipient_type text) TO panoh_service;

CREATE OR REPLACE FUNCTION public.panoh_lock_referral(p_referral_id uuid)
 RETURNS text
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        caller_org uuid := panoh_caller_organisation();
        r referral%ROWTYPE;
      BEGIN
        IF caller_org IS NULL THEN
          RETURN NULL;
        END IF;
        PERFORM set_config('panoh.definer_scope', 'referral_lock', true);
        SELECT * INTO r FROM referral
        WHERE id = p_referral_id AND caller_org IN (from_organisation_id, to_organisation_id);
        IF NOT FOUND THEN
          PERFORM set_config('panoh.definer_scope', '', true);
          RETURN NULL;
        END IF;
        PERFORM 1 FROM victim_case WHERE id = r.case_id FOR UPDATE;
        PERFORM 1 FROM consent WHERE id = r.consent_id FOR UPDATE;
        SELECT * INTO r FROM referral WHERE id = p_referral_id FOR UPDATE;
        PERFORM set_config('panoh.definer_scope', '', true);
        RETURN r.status;
      END $function$;
GRANT EXECUTE ON FUNCTION panoh_lock_referral(p_referral_id uuid) TO panoh_service;

CREATE OR REPLACE FUNCTION public.panoh_move_search_tokens()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'public', 'pg_temp'
AS $function$
      BEGIN
        UPDATE person_search_token SET organisation_id = NEW.organisation_id WHERE person_id = NEW.id;
        RETURN NULL;
      END $function$;
GRANT EXECUTE ON FUNCTION panoh_move_search_tokens() TO PUBLIC;

CREATE OR REPLACE FUNCTION public.panoh_person_held_elsewhere(p_person_id uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        caller_org uuid := panoh_caller_organisation();
        answer boolean;
      BEGIN
        IF caller_org IS NULL THEN
          RETURN true;
        END IF;
        PERFORM set_config('panoh.definer_scope', 'person_holders', true);
        answer := EXISTS (SELECT 1 FROM person p WHERE p.id = p_person_id AND p.organisation_id = caller_org)
          AND EXISTS (SELECT 1 FROM victim_case c WHERE c.person_id = p_person_id AND c.organisation_id <> caller_org);
        PERFORM set_config('panoh.definer_scope', '', true);
        RETURN answer;
      END $function$;
GRANT EXECUTE ON FUNCTION panoh_person_held_elsewhere(p_person_id uuid) TO panoh_service;

CREATE OR REPLACE FUNCTION public.panoh_person_shared_with_caller(person_id uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'public', 'pg_temp'
AS $function$
      BEGIN
        RETURN EXISTS (
          SELECT 1 FROM victim_case c
          WHERE c.person_id = panoh_person_shared_with_caller.person_id
            AND (c.organisation_id = panoh_caller_organisation() OR panoh_case_shared_with_caller(c.id)));
      END $function$;
GRANT EXECUTE ON FUNCTION panoh_person_shared_with_caller(person_id uuid) TO PUBLIC;

CREATE OR REPLACE FUNCTION public.panoh_referral_status_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        caller_org uuid := panoh_caller_organisation();
        caller_role text := panoh_caller_role();
      BEGIN
        IF current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID)
           OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          RETURN NEW;
        END IF;
        IF OLD.status = 'pending' AND NEW.status = 'withdrawn' AND OLD.from_organisation_id = caller_org
           AND caller_role IN ('caseworker', 'org_manager') THEN
          RETURN NEW;
        END IF;
        IF OLD.status = 'pending' AND NEW.status = 'declined' AND OLD.to_organisation_id = caller_org
           AND caller_role = 'org_manager' THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'referral %: change refused', OLD.id;
      END $function$;
GRANT EXECUTE ON FUNCTION panoh_referral_status_guard() TO PUBLIC;

CREATE OR REPLACE FUNCTION public.panoh_reset_second_factor(target uuid)
 RETURNS TABLE(credentials integer, recovery_codes integer, totp boolean)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  had_totp boolean;
  removed_credentials integer;
  removed_codes integer;
BEGIN
  IF panoh_caller_role() IS DISTINCT FROM 'admin' AND panoh_caller_role() IS DISTINCT FROM 'org_manager' THEN
    RAISE EXCEPTION 'panoh_reset_second_factor: only an administrator or a manager resets a second factor'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT u.totp_enabled_at IS NOT NULL OR u.totp_pending_secret IS NOT NULL INTO had_totp
  FROM app_user u
  WHERE u.id = target
    AND (panoh_caller_role() = 'admin' OR u.organisation_id = panoh_caller_organisation())
  FOR UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  PERFORM set_config('panoh.definer_scope', 'second_factor_reset', true);
  DELETE FROM webauthn_credential c WHERE c.user_id = target;
  GET DIAGNOSTICS removed_credentials = ROW_COUNT;
  DELETE FROM recovery_code r WHERE r.user_id = target;
  GET DIAGNOSTICS removed_codes = ROW_COUNT;
  DELETE FROM webauthn_challenge h WHERE h.user_id = target;
  PERFORM set_config('panoh.definer_scope', '', true);
  UPDATE app_user u
  SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL
  WHERE u.id = target;
  RETURN QUERY SELECT removed_credentials, removed_codes, had_totp;
END $function$;
GRANT EXECUTE ON FUNCTION panoh_reset_second_factor(target uuid) TO panoh_service;

CREATE OR REPLACE FUNCTION public.panoh_session(token_hash bytea, idle_seconds integer, touch_seconds integer, begin_as_caller boolean)
 RETURNS TABLE(state text, id uuid, user_id uuid, organisation_id uuid, role text, username text, mfa boolean, second_factor boolean, stale boolean)
 LANGUAGE plpgsql
 SET search_path TO 'public', 'pg_temp'
AS $function$
#variable_conflict use_column
DECLARE
  found_session record;
  timed_out_at timestamptz;
  session_state text;
BEGIN
  SELECT s.id, s.user_id, s.organisation_id, s.role, u.username,
         u.totp_enabled_at IS NOT NULL OR u.webauthn_credentials > 0 AS mfa,
         s.second_factor, s.last_seen_at < now() - make_interval(secs => touch_seconds) AS stale,
         s.expires_at, s.last_seen_at + make_interval(secs => idle_seconds) AS idle_at, s.ended_at,
         u.disabled_at IS NOT NULL OR u.locked_at IS NOT NULL OR u.role <> s.role
         OR u.organisation_id <> s.organisation_id AS user_barred
  INTO found_session
  FROM auth_session s JOIN app_user u ON u.id = s.user_id
  WHERE s.token_hash = panoh_session.token_hash;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  timed_out_at := least(found_session.expires_at, found_session.idle_at);
  session_state := CASE
    WHEN found_session.ended_at IS NOT NULL AND found_session.ended_at < timed_out_at THEN 'ended'
    WHEN timed_out_at <= now() THEN
      CASE WHEN found_session.expires_at <= found_session.idle_at THEN 'expired' ELSE 'idle' END
    WHEN found_session.ended_at IS NOT NULL OR found_session.user_barred THEN 'ended'
    ELSE 'live'
  END;
  IF session_state <> 'live' THEN
    RETURN QUERY SELECT session_state, NULL::uuid, NULL::uuid, NULL::uuid, NULL::text, NULL::text,
      NULL::boolean, NULL::boolean, NULL::boolean;
    RETURN;
  END IF;
  IF begin_as_caller THEN
    PERFORM set_config('panoh.user_id', found_session.user_id::text, true),
            set_config('panoh.organisation_id', found_session.organisation_id::text, true),
            set_config('panoh.role', found_session.role, true);
  END IF;
  RETURN QUERY SELECT session_state, found_session.id, found_session.user_id, found_session.organisation_id,
    found_session.role, found_session.username, found_session.mfa, found_session.second_factor,
    found_session.stale;
END $function$;
GRANT EXECUTE ON FUNCTION panoh_session(token_hash bytea, idle_seconds integer, touch_seconds integer, begin_as_caller boolean) TO panoh_service;

CREATE OR REPLACE FUNCTION public.panoh_shred_attachments_of_erased_person()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
  DELETE FROM attachment a USING victim_case c WHERE a.case_id = c.id AND c.person_id = NEW.id;
  RETURN NULL;
END $function$;
GRANT EXECUTE ON FUNCTION panoh_shred_attachments_of_erased_person() TO PUBLIC;

CREATE OR REPLACE FUNCTION public.panoh_shred_notes_of_erased_person()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
  DELETE FROM case_note n USING victim_case c WHERE n.case_id = c.id AND c.person_id = NEW.id;
  RETURN NULL;
END $function$;
GRANT EXECUTE ON FUNCTION panoh_shred_notes_of_erased_person() TO PUBLIC;

CREATE OR REPLACE FUNCTION public.panoh_shred_task_titles_of_erased_person()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
  UPDATE task t SET title = NULL,
    done_at = coalesce(t.done_at, now()),
    closed_reason = coalesce(t.closed_reason, 'condition_met')
  FROM victim_case c WHERE t.case_id = c.id AND c.person_id = NEW.id;
  RETURN NULL;
END $function$;
GRANT EXECUTE ON FUNCTION panoh_shred_task_titles_of_erased_person() TO PUBLIC;

CREATE OR REPLACE FUNCTION public.panoh_statistics_release_immutable()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog'
AS $function$
      BEGIN
        RAISE EXCEPTION '%: a published release and its record are never changed', TG_TABLE_NAME
          USING ERRCODE = '55000';
      END $function$;
GRANT EXECUTE ON FUNCTION panoh_statistics_release_immutable() TO PUBLIC;

CREATE OR REPLACE FUNCTION public.panoh_statistics_release_records(release uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        found jsonb;
      BEGIN
        IF panoh_caller_role() IS DISTINCT FROM 'commission' AND panoh_caller_role() IS DISTINCT FROM 'admin' THEN
          RAISE EXCEPTION 'panoh_statistics_release_records: not allowed' USING ERRCODE = '42501';
        END IF;
        PERFORM set_config('panoh.definer_scope', 'statistics', true);
        SELECT s.records INTO found FROM statistics_release_snapshot s WHERE s.release_id = release;
        PERFORM set_config('panoh.definer_scope', '', true);
        RETURN found;
      END $function$;
GRANT EXECUTE ON FUNCTION panoh_statistics_release_records(release uuid) TO panoh_service;

CREATE OR REPLACE FUNCTION public.panoh_statistics_snapshot(period_from date, period_to date)
 RETURNS SETOF jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
 SET jit TO 'off'
AS $function$
      BEGIN
        IF panoh_caller_role() IS DISTINCT FROM 'admin' THEN
          RAISE EXCEPTION 'panoh_statistics_snapshot: not allowed' USING ERRCODE = '42501';
        END IF;
        IF period_from IS NULL OR period_to IS NULL OR period_to <= period_from THEN
          RAISE EXCEPTION 'panoh_statistics_snapshot: bad period';
        END IF;
        PERFORM set_config('panoh.definer_scope', 'statistics', true);
        RETURN QUERY
          SELECT r.record FROM (
            SELECT jsonb_build_object(
              'year', extract(year FROM c.registered_on)::integer,
              'quarter', extract(quarter FROM c.registered_on)::integer,
              'region', coalesce(c.region_of_origin, 'Unknown'),
              'gender', coalesce(c.gender, 'Unknown'),
              'ageBand', coalesce(c.age_band, 'Unknown'),
              'exploitationType', CASE cardinality(c.exploitation_types)
                WHEN 0 THEN 'Unknown' WHEN 1 THEN c.exploitation_types[1] ELSE 'Multiple' END,
              'countryOfExploitation', coalesce(c.country_of_exploitation, 'Unknown'),
              'stage', c.stage,
              'traffickingStatus', c.trafficking_status,
              'referralOutcome', coalesce((
                SELECT CASE WHEN count(*) = 0 THEN 'none'
                  WHEN bool_or(f.status = 'accepted') THEN 'accepted'
                  WHEN bool_or(f.status = 'pending') THEN 'pending'
                  WHEN bool_or(f.status = 'declined') THEN 'declined' ELSE 'withdrawn' END
                FROM referral f WHERE f.case_id = c.id), 'none'),
              'daysToAcceptance', (
                SELECT min(f.decided_at)::date - c.registered_on FROM referral f
                WHERE f.case_id = c.id AND f.status = 'accepted'),
              'referralResponseDays', coalesce((
                SELECT jsonb_agg(d ORDER BY d) FROM (
                  SELECT floor(extract(epoch FROM f.decided_at - f.created_at) / 86400)::integer AS d
                  FROM referral f WHERE f.case_id = c.id AND f.decided_at IS NOT NULL) days), '[]'::jsonb),
              'overdueReferrals', (
                SELECT count(*)::integer FROM referral f
                WHERE f.case_id = c.id AND f.status = 'pending' AND f.due_at < now()),
              'inDataset', c.trafficking_status <> 'NotAVictimOfTrafficking'
                AND EXISTS (SELECT 1 FROM consent k
                            WHERE k.case_id = c.id AND k.purpose = 'statistics' AND k.withdrawn_at IS NULL)
                AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id = c.person_id AND p.erased_at IS NOT NULL),
              'ctdc', jsonb_build_object(
                'year', extract(year FROM c.registered_on)::integer,
                'gender', c.gender,
                'ageBand', c.age_band,
                'citizenship', c.citizenship,
                'countryOfExploitation', c.country_of_exploitation,
                'exploitationTypes', to_jsonb(c.exploitation_types),
                'meansOfControl', to_jsonb(c.means_of_control),
                'labourSector', c.labour_sector,
                'sexExploitationTypes', to_jsonb(c.sex_exploitation_types))) AS record
            FROM victim_case c
            WHERE c.registered_on >= period_from AND c.registered_on < period_to) r
          ORDER BY r.record::text;
        PERFORM set_config('panoh.definer_scope', '', true);
      END $function$;
GRANT EXECUTE ON FUNCTION panoh_statistics_snapshot(period_from date, period_to date) TO panoh_service;

CREATE OR REPLACE FUNCTION public.panoh_sync_tasks(scope_organisation uuid, today date, reflection_days integer)
 RETURNS TABLE(created integer, closed integer, notified integer)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  n_created integer;
  n_closed integer;
  n_notified integer;
BEGIN
  IF panoh_caller_organisation() IS NOT NULL
     AND scope_organisation IS DISTINCT FROM panoh_caller_organisation() THEN
    RAISE EXCEPTION 'panoh_sync_tasks: a caller syncs only its own organisation';
  END IF;
  PERFORM set_config('panoh.definer_scope', 'task_job', true);

  CREATE TEMP TABLE IF NOT EXISTS wanted_task (
    case_id uuid, owner_organisation_id uuid, kind text, subject_id uuid, subject_key text, due_on date,
    assignee uuid) ON COMMIT DROP;
  TRUNCATE wanted_task;

  INSERT INTO wanted_task
  WITH live AS (
    SELECT c.* FROM victim_case c JOIN person p ON p.id = c.person_id
    WHERE c.stage <> 'closed' AND p.erased_at IS NULL
      AND (scope_organisation IS NULL OR c.organisation_id = scope_organisation))
  SELECT c.id, c.organisation_id, 'reflection_ending', NULL::uuid, '',
         (c.stage_changed_at AT TIME ZONE 'UTC')::date + reflection_days, c.owner_user_id
  FROM live c WHERE c.stage = 'reflection'
  UNION ALL
  SELECT c.id, c.organisation_id, 'status_decision', NULL, '',
         (c.stage_changed_at AT TIME ZONE 'UTC')::date + reflection_days, c.owner_user_id
  FROM live c WHERE c.stage = 'reflection' AND c.trafficking_status = 'PossibleVictimOfTrafficking'
  UNION ALL
  SELECT c.id, c.organisation_id, 'service_ending', a.id, a.id::text, a.planned_end, c.owner_user_id
  FROM live c JOIN assistance_item a ON a.case_id = c.id
  WHERE a.status IN ('planned', 'in_progress') AND a.planned_end IS NOT NULL
  UNION ALL
  SELECT c.id, c.organisation_id, 'follow_up_visit', a.id, a.id::text || '/' || m,
         (a.actual_end + make_interval(months => m))::date, c.owner_user_id
  FROM live c JOIN assistance_item a ON a.case_id = c.id CROSS JOIN unnest(ARRAY[1, 3, 6, 12]) AS m
  WHERE a.type = 'Return' AND a.status = 'delivered' AND a.actual_end IS NOT NULL
  UNION ALL
  SELECT c.id, c.organisation_id, 'referral_answer', r.id, r.id::text,
         (r.due_at AT TIME ZONE 'UTC')::date, c.owner_user_id
  FROM live c JOIN referral r ON r.case_id = c.id
  WHERE r.status = 'pending' AND r.from_organisation_id = c.organisation_id;

  INSERT INTO task (id, case_id, owner_organisation_id, kind, subject_id, subject_key, due_on,
                    assignee_user_id, created_at)
  SELECT gen_random_uuid(), w.case_id, w.owner_organisation_id, w.kind, w.subject_id, w.subject_key,
         w.due_on, w.assignee, now()
  FROM wanted_task w
  ON CONFLICT (case_id, kind, subject_key, due_on) DO NOTHING;
  GET DIAGNOSTICS n_created = ROW_COUNT;

  UPDATE task t SET done_at = now(), closed_reason = 'condition_met'
  WHERE t.kind <> 'manual' AND t.done_at IS NULL
    AND (scope_organisation IS NULL OR t.owner_organisation_id = scope_organisation)
    AND NOT EXISTS (SELECT 1 FROM wanted_task w
                    WHERE w.case_id = t.case_id AND w.kind = t.kind AND w.subject_key = t.subject_key
                      AND w.due_on = t.due_on);
  GET DIAGNOSTICS n_closed = ROW_COUNT;

  WITH due AS (
    UPDATE task t SET overdue_notified_at = now()
    WHERE t.done_at IS NULL AND t.overdue_notified_at IS NULL AND t.due_on < today
      AND (scope_organisation IS NULL OR t.owner_organisation_id = scope_organisation)
    RETURNING t.owner_organisation_id, t.case_id)
  INSERT INTO notification (id, organisation_id, kind, referral_id, case_id, created_at)
  SELECT gen_random_uuid(), due.owner_organisation_id, 'task_overdue', NULL, due.case_id, now() FROM due;
  GET DIAGNOSTICS n_notified = ROW_COUNT;

  PERFORM set_config('panoh.definer_scope', '', true);
  RETURN QUERY SELECT n_created, n_closed, n_notified;
END $function$;
GRANT EXECUTE ON FUNCTION panoh_sync_tasks(scope_organisation uuid, today date, reflection_days integer) TO panoh_service;

CREATE OR REPLACE FUNCTION public.panoh_task_follows_transfer()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
  -- A transferred case's tasks go to the manager who accepted it, as the case itself does.
  IF NEW.owner_organisation_id IS DISTINCT FROM OLD.owner_organisation_id THEN
    NEW.assignee_user_id := panoh_caller_user();
  END IF;
  RETURN NEW;
END $function$;
GRANT EXECUTE ON FUNCTION panoh_task_follows_transfer() TO PUBLIC;

CREATE OR REPLACE FUNCTION public.panoh_transfer_case(c victim_case, transfer_id uuid, to_org uuid, caller uuid, change_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        t text;
      BEGIN
        IF current_setting('panoh.definer_scope', true) IS DISTINCT FROM 'referral_acceptance' THEN
          RAISE EXCEPTION 'panoh_transfer_case runs only inside panoh_accept_referral';
        END IF;
        UPDATE victim_case SET organisation_id = to_org, version = version + 1, updated_at = now() WHERE id = c.id;
        FOR t IN
          SELECT table_name FROM information_schema.columns
          WHERE table_schema = 'public' AND column_name = 'owner_organisation_id'
            AND table_name IN (SELECT table_name FROM information_schema.columns
                               WHERE table_schema = 'public' AND column_name = 'case_id')
        LOOP
          -- A case table without the acceptance policy would keep its rows hidden from this function
          -- and silently stay with the old owner: refuse the transfer instead.
          IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = t
                         AND policyname = t || '_referral_acceptance') THEN
            RAISE EXCEPTION 'table % has no %_referral_acceptance policy', t, t;
          END IF;
          EXECUTE format('UPDATE %I SET owner_organisation_id = $1 WHERE case_id = $2', t) USING to_org, c.id;
        END LOOP;
        UPDATE case_share SET revoked_at = now()
        WHERE case_id = c.id AND organisation_id = to_org AND revoked_at IS NULL;
        WITH withdrawn AS (
          UPDATE referral SET status = 'withdrawn', withdrawn_by = caller, withdrawn_at = now(), version = version + 1
          WHERE case_id = c.id AND status = 'pending' AND id <> transfer_id
          RETURNING id, from_organisation_id, to_organisation_id)
        INSERT INTO notification (id, organisation_id, kind, referral_id, case_id, created_at)
        SELECT gen_random_uuid(), w.organisation_id, 'referral_withdrawn', w.id, c.id, now()
        FROM (SELECT id, from_organisation_id AS organisation_id FROM withdrawn
              UNION ALL SELECT id, to_organisation_id FROM withdrawn) w;
        UPDATE person SET organisation_id = to_org
        WHERE id = c.person_id AND NOT EXISTS (
          SELECT 1 FROM victim_case o WHERE o.person_id = c.person_id AND o.id <> c.id
            AND o.organisation_id = c.organisation_id);
        INSERT INTO stage_change (id, case_id, owner_organisation_id, kind, from_stage, to_stage,
          from_organisation_id, to_organisation_id, reason_code, changed_by, changed_by_organisation_id,
          changed_by_role, changed_at)
        VALUES (change_id, c.id, to_org, 'transfer', c.stage, c.stage, c.organisation_id, to_org,
          'transfer_accepted', caller, to_org, 'org_manager', now());
      END $function$;

CREATE OR REPLACE FUNCTION public.panoh_victim_case_citizenships()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'public', 'pg_temp'
AS $function$
      BEGIN
        IF NEW.citizenship IS NULL THEN
          NEW.citizenships := '{}';
        ELSIF cardinality(NEW.citizenships) = 0 OR NEW.citizenships[1] IS DISTINCT FROM NEW.citizenship THEN
          NEW.citizenships := ARRAY[NEW.citizenship] || array_remove(NEW.citizenships, NEW.citizenship);
        END IF;
        RETURN NEW;
      END $function$;
GRANT EXECUTE ON FUNCTION panoh_victim_case_citizenships() TO PUBLIC;

CREATE OR REPLACE FUNCTION public.person_duplicate_candidates(index_names text[], index_values bytea[], max_rows integer)
 RETURNS TABLE(id uuid, organisation_id uuid, family_name bytea, given_name bytea, date_of_birth bytea, identity_documents bytea, data_key_id uuid, data_key_version integer, kek_version integer, wrapped_key bytea)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      BEGIN
        IF panoh_caller_organisation() IS NULL OR panoh_caller_role() NOT IN ('caseworker', 'org_manager') THEN
          RETURN;
        END IF;
        IF cardinality(index_names) <> cardinality(index_values) OR max_rows NOT BETWEEN 1 AND 1000 THEN
          RAISE EXCEPTION 'person_duplicate_candidates: bad arguments';
        END IF;
        PERFORM set_config('panoh.definer_scope', 'duplicate_check', true);
        RETURN QUERY
          SELECT p.id, p.organisation_id, p.family_name, p.given_name, p.date_of_birth, p.identity_documents,
                 k.id, k.version, k.kek_version, k.wrapped_key
          FROM person p JOIN data_key k ON k.id = p.data_key_id
          WHERE p.erased_at IS NULL AND p.id IN (
            SELECT b.person_id FROM person_blind_index b
            JOIN unnest(index_names, index_values) AS q(name, value) ON b.index_name = q.name AND b.value = q.value)
          ORDER BY p.id
          LIMIT max_rows;
        PERFORM set_config('panoh.definer_scope', '', true);
      END $function$;
GRANT EXECUTE ON FUNCTION person_duplicate_candidates(index_names text[], index_values bytea[], max_rows integer) TO panoh_service;

CREATE OR REPLACE FUNCTION public.webauthn_credential_count()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'public', 'pg_temp'
AS $function$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE app_user SET webauthn_credentials = webauthn_credentials + 1 WHERE id = NEW.user_id;
        ELSE
          UPDATE app_user SET webauthn_credentials = webauthn_credentials - 1 WHERE id = OLD.user_id;
        END IF;
        RETURN NULL;
      END $function$;
GRANT EXECUTE ON FUNCTION webauthn_credential_count() TO PUBLIC;

ALTER DEFAULT PRIVILEGES FOR ROLE owner IN SCHEMA public GRANT SELECT ON SEQUENCES TO panoh_backup;
ALTER DEFAULT PRIVILEGES FOR ROLE owner IN SCHEMA public GRANT SELECT ON TABLES TO panoh_backup;

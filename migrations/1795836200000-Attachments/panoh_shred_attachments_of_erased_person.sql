-- When a person is erased, the attachments of their cases go with them: the person's data key, which
-- every attachment key is derived from, is destroyed in the same transaction (docs/crypto.md), and
-- the rows and their chunks are deleted too, so that nothing of them is left to hold or restore.
-- SECURITY INVOKER: the delete runs under the caller's policies (the erasing organisation owns every
-- case of the person, PersonsService checks it); the chunks and shares go by ON DELETE CASCADE.
CREATE FUNCTION panoh_shred_attachments_of_erased_person() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM attachment a USING victim_case c WHERE a.case_id = c.id AND c.person_id = NEW.id;
  RETURN NULL;
END $$

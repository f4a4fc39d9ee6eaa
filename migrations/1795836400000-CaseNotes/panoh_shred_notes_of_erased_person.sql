-- When a person is erased, the notes of their cases go with them: the person's data key, from which
-- every note key is derived, is destroyed in the same transaction (docs/crypto.md), and the rows are
-- deleted too, so that nothing of them is left to hold or restore. SECURITY INVOKER: the delete runs
-- under the caller's policies (the erasing organisation owns every case of the person, PersonsService
-- checks it); earlier versions, addenda and shares go by ON DELETE CASCADE.
CREATE FUNCTION panoh_shred_notes_of_erased_person() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM case_note n USING victim_case c WHERE n.case_id = c.id AND c.person_id = NEW.id;
  RETURN NULL;
END $$

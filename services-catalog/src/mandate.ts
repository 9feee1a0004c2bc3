/**
 * The material an agent (他人) brings: an item that serves 他人 lists a material whose name says 委托书 (the
 * validator's rule), and the kiosk asks an agent for it as required. A module of its own, zod-free, so the kiosk's
 * 为谁办理 code takes it without the boot's shared chunk (where kinds.ts lives) growing.
 */
export const MANDATE_MATERIAL = '委托书'

/** Whether a material (by its Chinese name) is the agent's 委托书: one rule for the validator, kiosk and ingest. */
export const isMandate = (materialName: string): boolean => materialName.includes(MANDATE_MATERIAL)

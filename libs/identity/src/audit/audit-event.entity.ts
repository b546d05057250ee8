import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One thing someone did that an admin may need to account for later. */
@Entity('audit_event')
export class AuditEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('timestamptz', { default: () => 'now()' }) at: Date;
  @Column('uuid', { nullable: true }) actorId: string | null;
  @Column('text') actorLabel: string;
  @Column('text') action: string;
  @Column('text', { nullable: true }) target: string | null;
  @Column('jsonb', { default: {} }) detail: Record<string, unknown>;
  @Column('text', { nullable: true }) ip: string | null;
}

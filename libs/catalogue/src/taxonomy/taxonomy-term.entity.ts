import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Facet } from './facets';

@Entity('taxonomy_term')
export class TaxonomyTerm {
  @PrimaryColumn('text') facet: Facet;
  @PrimaryColumn('text') code: string;
  @Column('text') labelRu: string;
  @Column('text', { nullable: true }) labelEn: string | null;
  @Column('text', { nullable: true }) parentCode: string | null;
  @Column('text', { nullable: true }) kind: string | null;
  @Column('int') position: number;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

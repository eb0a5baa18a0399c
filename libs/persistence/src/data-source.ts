// Entry for the TypeORM CLI (npm run migration:generate / migration:revert), run on the built dist/ tree.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createDataSourceOptions } from './data-source-options';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required for the TypeORM CLI');

export default new DataSource(createDataSourceOptions(url));

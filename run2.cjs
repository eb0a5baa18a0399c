const { startEmbeddedPostgres } = require('/work/main/dist/libs/embedded-db/src');
startEmbeddedPostgres({ dataDir: '/tmp/ep-scratch/data/pg2', port: 5432 }).then(h => h.stop()).catch(e => { console.error('FAILED:', e.message); process.exit(1); });

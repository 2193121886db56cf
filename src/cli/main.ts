console.log('proxilion');
